using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Resident;

/// <summary>A real <c>agent-runtime serve</c> process over a <see cref="TestRuntime"/>: started, signalled, and killed whatever happens.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private ServeProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>serve --no-web</c> (plus <paramref name="extra"/>) and returns once it printed its start line.</summary>
    public static Task<(ServeProcess Serve, JsonObject StartLine)> StartAsync(TestRuntime runtime, params string[] extra) =>
        StartWithConfigAsync(runtime, runtime.ConfigPath, extra);

    /// <summary>As <see cref="StartAsync"/>, with another config file (e.g. one of several dispatchers on the runtime's state).</summary>
    public static async Task<(ServeProcess Serve, JsonObject StartLine)> StartWithConfigAsync(TestRuntime runtime, string configPath, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = runtime.Directory.Path,
        };
        foreach (var arg in new[] { Repo.HostDll, "serve", "--config", configPath }.Concat(extra.Length == 0 ? ["--no-web"] : extra))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var serve = new ServeProcess(ChildProcess.StartInterruptible(start));
        try
        {
            return (serve, await serve.ReadStartLineAsync());
        }
        catch
        {
            serve.Dispose();
            throw;
        }
    }

    public Task SignalAsync(string signal) => ChildProcess.SignalAsync(Id, signal);

    /// <summary>Waits for the exit; false when it did not exit within <paramref name="limit"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var wait = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>What it wrote on stderr (its log); only once it has exited.</summary>
    public Task<string> StderrAsync() => _stderr;

    private async Task<JsonObject> ReadStartLineAsync()
    {
        try
        {
            return await StartLine.ReadAsync(_process.StandardOutput, TimeSpan.FromSeconds(60));
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"serve: {e.Message}\n{await _stderr}", e);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
