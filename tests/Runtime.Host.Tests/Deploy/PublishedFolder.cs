using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Deploy;

/// <summary>
/// One folder made by <c>scripts/publish.sh</c>, shared by the tests of a class: a ReadyToRun host
/// and a Native AOT front end take minutes to publish on a small machine.
/// </summary>
public sealed class PublishedFolder : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("agent-runtime-publish");

    public string Path => _directory.Path;

    /// <summary>The operator's entry point, the Native AOT front end.</summary>
    public string EntryPoint => Combine("agent-runtime");

    /// <summary>The managed plugin host the front end hands plugin commands to.</summary>
    public string PluginHost => Combine("agent-runtime-host");

    public string Combine(params string[] parts) => _directory.Combine(parts);

    public async Task InitializeAsync()
    {
        var publish = await RunAsync(Repo.Root, "bash", [Repo.Path_("scripts", "publish.sh"), Path], TimeSpan.FromMinutes(15));
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed: {publish}");
        }
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="fileName"/> to its end, stdin closed; killed (with what it started) past <paramref name="timeout"/>.</summary>
    internal static async Task<CliResult> RunAsync(string workingDirectory, string fileName, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = ChildProcess.Start(start);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
