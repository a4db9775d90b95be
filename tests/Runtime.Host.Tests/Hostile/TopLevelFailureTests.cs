using AgentRuntime.Host.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>Anything unexpected reaches the operator as one line naming the log, exit 1; the whole exception goes to the JSONL log, never to the terminal.</summary>
public sealed class TopLevelFailureTests
{
    [Fact(Timeout = 120_000)]
    public async Task Command_UnexpectedException_OneLineWithTheLogPathAndTheExceptionInTheLog()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        var clock = new FailingClock(runtime.Clock!, failOnCall: 2);

        var result = await InProcessCli.RunAsync(runtime.Directory.Path, ["intake", "--json", """{"kind":"k","source":"s","payload":{}}""", "--config", runtime.ConfigPath], clock);

        var log = Path.Combine(runtime.StateDir, "logs", "runtime.jsonl");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: intake failed unexpectedly: the clock broke (details in {log})\n", result.Stderr);
        Assert.Equal("", result.Stdout);
        var logged = File.ReadAllText(log);
        Assert.Contains("\"event\":\"command_failed_unexpectedly\"", logged, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: the clock broke", logged, StringComparison.Ordinal);
        Assert.Contains("FailingClock.GetUtcNow", logged, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Command_UnexpectedExceptionBeforeTheConfigLoads_OneLineWithoutAStackTrace()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        var clock = new FailingClock(runtime.Clock!, failOnCall: 1);

        var result = await InProcessCli.RunAsync(runtime.Directory.Path, ["status", "--config", runtime.ConfigPath], clock);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: failed unexpectedly: the clock broke (set AGENT_RUNTIME_LOG_LEVEL=Debug for details)\n", result.Stderr);
    }

    /// <summary>A clock whose one reading fails, as any dependency deep in a command might.</summary>
    private sealed class FailingClock(FakeTimeProvider inner, int failOnCall) : TimeProvider
    {
        private int _calls;

        public override DateTimeOffset GetUtcNow() =>
            Interlocked.Increment(ref _calls) == failOnCall
                ? throw new InvalidOperationException("the clock broke\nand a second line")
                : inner.GetUtcNow();
    }
}
