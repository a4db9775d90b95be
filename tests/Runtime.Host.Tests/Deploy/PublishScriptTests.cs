using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Deploy;

/// <summary>
/// scripts/publish.sh builds the deployable folder every benchmark figure measures. One test: a
/// ReadyToRun publish takes a while on a small machine.
/// </summary>
public sealed class PublishScriptTests
{
    [Fact(Timeout = 900_000)]
    public async Task PublishScript_IntoTempDirectory_GivesAnEntryPointThatRunsStatusAndLoadsItsOwnPlugins()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "echo ok");
        runtime.Save();
        using var published = new TempDirectory("agent-runtime-publish");

        var usage = await RunAsync(Repo.Root, "bash", [Repo.Path_("scripts", "publish.sh")], TimeSpan.FromSeconds(30));
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("usage: scripts/publish.sh <dir>", usage.Stderr, StringComparison.Ordinal);

        var publish = await RunAsync(Repo.Root, "bash", [Repo.Path_("scripts", "publish.sh"), published.Path], TimeSpan.FromMinutes(12));
        Assert.True(publish.ExitCode == 0, publish.ToString());

        var entryPoint = published.Combine("agent-runtime");
        var status = await RunAsync(runtime.Directory.Path, entryPoint, ["status", "--config", runtime.ConfigPath], TimeSpan.FromSeconds(60));
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Empty(status.Json["counts"]!.AsArray());

        var adapters = await RunAsync(runtime.Directory.Path, entryPoint, ["adapters", "--config", runtime.ConfigPath], TimeSpan.FromSeconds(60));
        Assert.True(adapters.ExitCode == 0, adapters.ToString());
        var script = adapters.Json["adapters"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "script-ok")!;
        Assert.True(script["ok"]!.GetValue<bool>(), adapters.ToString());
        Assert.Equal(published.Combine("plugins", "Script", "Script.dll"), script["plugin"]!["path"]!.GetValue<string>());
        Assert.False(File.Exists(published.Combine("plugins", "Script", "Runtime.Sdk.dll")), "the host provides the SDK; a plugin's copy would split its type identity");
    }

    private static async Task<CliResult> RunAsync(string workingDirectory, string fileName, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = ChildProcess.Start(start);
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
