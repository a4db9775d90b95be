using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>The real <c>run-once</c> process the cancel tests stop, and the <c>cancel</c> command they stop it with.</summary>
internal sealed class CancelHarness : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private CancelHarness(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts <c>agent-runtime run-once</c> against the runtime, as an operator's timer would.</summary>
    public static CancelHarness StartRunOnce(TestRuntime runtime)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = runtime.Directory.Path };
        foreach (var arg in new[] { Repo.HostDll, "run-once", "--config", runtime.ConfigPath })
        {
            start.ArgumentList.Add(arg);
        }

        return new CancelHarness(ChildProcess.Start(start));
    }

    /// <summary>
    /// <c>cancel</c> in this process through the CLI's one entry, on the real clock: the command
    /// waits for the other process to stop the attempt.
    /// </summary>
    public static Task<CliResult> CancelAsync(TestRuntime runtime, params string[] args) =>
        InProcessCli.RunAsync(runtime.Directory.Path, ["cancel", .. args, "--config", runtime.ConfigPath], TimeProvider.System);

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for run-once to exit (at most 30 s) and returns what it printed.</summary>
    public async Task<CliResult> WaitAsync()
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(wait.Token);
        return new CliResult(_process.ExitCode, await _stdout, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
