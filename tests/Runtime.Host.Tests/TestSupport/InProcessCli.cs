using AgentRuntime.Host.Cli;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>
/// Runs a CLI command in this process through the same entry as the real one (<see cref="CliApp"/>),
/// with captured output and the test's clock. For tests where the process boundary is not the point;
/// signals, process trees, plugin isolation and cross-process races keep <see cref="HostCli"/>.
/// </summary>
internal static class InProcessCli
{
    public static async Task<CliResult> RunAsync(string workingDirectory, IEnumerable<string> args, TimeProvider time, TimeSpan? timeout = null)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var environment = CliEnvironment.InProcess(stdout, stderr, time, workingDirectory);
        var exitCode = await CliApp.RunAsync([.. args], environment, cts.Token);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
