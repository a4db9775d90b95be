using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Tests.Conformance;

/// <summary>
/// Conformance for adapters that launch a process, driven through the fake agent fixture
/// (<c>tests/Fixtures/fake-agent</c>): no process survives a timeout or a cancel (checked by pid),
/// a grandchild holding stdout cannot hang the run, a missing command is a permanent spawn error,
/// and a secret passed in the adapter env reaches the process but no result text.
/// </summary>
public abstract class ProcessAdapterConformanceTests : AdapterConformanceTests
{
    internal const string Secret = "s3cr3t-value-0451";

    protected string PidFile => Temp.Combine("pids.txt");

    /// <summary>The fake agent's env for a successful run of this driver (its output format).</summary>
    protected abstract JsonObject SucceedEnv();

    /// <summary>Extra settings every run of this adapter needs (none by default).</summary>
    protected virtual void AddSettings(JsonObject settings)
    {
    }

    protected override JsonObject Settings(Behaviour behaviour, TimeSpan timeout)
    {
        var env = behaviour switch
        {
            Behaviour.Succeed => SucceedEnv(),
            Behaviour.Fail => new JsonObject { ["FAKE_MODE"] = "exit", ["FAKE_EXIT_CODE"] = "7" },
            Behaviour.Hang => new JsonObject { ["FAKE_MODE"] = "ignore-term" },
            _ => [],
        };
        env["FAKE_PID_FILE"] = PidFile;
        var settings = new JsonObject
        {
            ["command"] = behaviour == Behaviour.Unavailable ? Temp.Combine("no-such-agent") : Repo.Fixture("fake-agent"),
            ["timeoutMs"] = timeout.TotalMilliseconds,
            ["workingDir"] = Temp.Path,
            ["env"] = env,
        };
        AddSettings(settings);
        return settings;
    }

    internal override Task WaitUntilRunningAsync(RecordingSink sink) => sink.Started;

    protected override void AssertStopped() => Processes.AssertNoneRunning(PidFile, expectedAtLeast: 1);

    [Fact(Timeout = 30_000)]
    public async Task Execute_MissingCommand_ReturnsPermanentSpawnError()
    {
        var result = await ExecuteAsync(Settings(Behaviour.Unavailable, TimeSpan.FromSeconds(5)), new RecordingSink(), CancellationToken.None);
        Assert.Equal(ExitStatus.Error, result.ExitStatus);
        Assert.Equal(RetryClass.Permanent, result.RetryClass);
        Assert.Equal("spawn_error", result.Note);
        Assert.Contains("no-such-agent", result.RawOutput, StringComparison.Ordinal);
        Assert.Equal(result.RawOutput, result.Stderr);
    }

    /// <summary>
    /// Issue 11: the adapter exits 0 while a grandchild that ignores SIGTERM keeps stdout open. The
    /// run ends with the adapter's exit (a success, not a timeout) and the grandchild is stopped.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Execute_GrandchildKeepsStdoutOpen_SucceedsAndKillsTree()
    {
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(30));
        settings["env"]!["FAKE_MODE"] = "grandchild";
        var clock = Stopwatch.StartNew();
        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);
        Assert.NotEqual(ExitStatus.Timeout, result.ExitStatus);
        Assert.Contains("started", result.Stdout, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30) - TimeSpan.FromSeconds(5));
        Processes.AssertNoneRunning(PidFile, expectedAtLeast: 2);
    }

    /// <summary>SDK 1.1: the host's deadline, not a plugin default, stops an adapter without <c>timeoutMs</c>; the evidence is kept.</summary>
    [Fact(Timeout = 60_000)]
    public async Task Execute_HostTimeoutAndNoTimeoutMs_StopsTreeAtHostTimeoutWithInvocationAndOutput()
    {
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(1));
        settings.Remove("timeoutMs");
        settings["env"]!["FAKE_MODE"] = "sleep";
        await using var adapter = Create(settings);
        var request = Requests.Execution(Kind, settings, Temp.Path) with { Timeout = TimeSpan.FromSeconds(1) };

        var clock = Stopwatch.StartNew();
        var result = await adapter.ExecuteAsync(request, new RecordingSink(), CancellationToken.None);

        Assert.Equal(ExitStatus.Timeout, result.ExitStatus);
        Assert.Equal(RetryClass.Retryable, result.RetryClass);
        Assert.Equal("timeout", result.Note);
        Assert.Equal(Repo.Fixture("fake-agent"), result.Invocation!.Command);
        Assert.Contains("started", result.Stdout, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1) - TimerGranularity, TimeSpan.FromSeconds(1) + StopBound);
        Processes.AssertNoneRunning(PidFile, expectedAtLeast: 2);
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_SecretInAdapterEnv_ReachesProcessButNoResultText()
    {
        var envFile = Temp.Combine("child-env");
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(30));
        settings["env"]!["SERVICE_API_TOKEN"] = Secret;
        settings["env"]!["FAKE_ENV_FILE"] = envFile;
        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);

        Assert.Equal(ExitStatus.Ok, result.ExitStatus);
        Assert.Contains($"SERVICE_API_TOKEN={Secret}\0", await File.ReadAllTextAsync(envFile), StringComparison.Ordinal);
        foreach (var text in new[] { result.RawOutput, result.Stdout, result.Stderr, result.LastMessage, result.Diagnostics?.ToJsonString() ?? "" })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        }

        // Recorded under its name only, for the host to redact by name (spec §6.1).
        Assert.Equal(Secret, result.Invocation!.Environment["SERVICE_API_TOKEN"]);
        Assert.DoesNotContain(result.Invocation.Environment.Keys, k => k is "PATH" or "HOME");
    }
}
