using System.Text.Json;
using AgentRuntime.Host.Plugins;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Tests.Plugins;

/// <summary>
/// The host's guard around an attempt: a plugin that honours <see cref="ExecutionRequest.Timeout"/>
/// answers first and its own timeout result (with its evidence) is what the host records; only a
/// plugin that ignores it is cut, a grace period after the limit.
/// </summary>
public sealed class GuardedAdapterTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(200);

    [Fact(Timeout = 30_000)]
    public async Task Execute_PluginStopsAtRequestTimeout_ItsTimeoutResultAndEvidencePassThrough()
    {
        await using var guarded = new GuardedAdapter("a", "P", new DeadlineAdapter(), pluginGrace: TimeSpan.FromSeconds(20));

        var result = await guarded.ExecuteAsync(Request(), new NullSink(), CancellationToken.None);

        Assert.Equal(ExitStatus.Timeout, result.ExitStatus);
        Assert.Equal("timeout", result.Note);
        Assert.Equal("agent", result.Invocation!.Command);
        Assert.Equal("partial output", result.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_PluginIgnoresRequestTimeout_GuardGivesUpAfterGraceAsTimeout()
    {
        await using var guarded = new GuardedAdapter("a", "P", new IgnoringAdapter(), pluginGrace: TimeSpan.FromMilliseconds(300));

        var result = await guarded.ExecuteAsync(Request(), new NullSink(), CancellationToken.None);

        Assert.Equal(ExitStatus.Timeout, result.ExitStatus);
        Assert.Equal("adapter_exception", result.Note);
        Assert.Equal("adapter a (plugin P) failed: did not answer within 0.5 s", result.RawOutput);
        Assert.Null(result.Invocation);
    }

    private static ExecutionRequest Request()
    {
        var empty = JsonDocument.Parse("{}").RootElement.Clone();
        return new ExecutionRequest
        {
            Task = new TaskSnapshot
            {
                TaskId = "t", Kind = "k", Source = "s", Priority = 0, Payload = empty, RequestedProfile = "p", RequestedAdapter = "",
                AttemptCount = 1, MaxAttempts = 1,
            },
            AttemptId = "at", AdapterId = "a", Kind = "k", Settings = empty,
            Profile = new ProfileSnapshot { ProfileId = "p", Document = empty },
            Prompt = "", RuntimeName = "r", Timeout = Limit,
            Paths = new RuntimePaths { StateDirectory = "/tmp", ArtifactDirectory = "/tmp", WorkingDirectory = "/tmp" },
        };
    }

    /// <summary>Stops at the request's limit and reports what it launched, as a 1.1 plugin does.</summary>
    private sealed class DeadlineAdapter : TestAdapter
    {
        public override async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken)
        {
            await Task.Delay(request.Timeout!.Value, cancellationToken);
            return new ExecutionResult
            {
                RawOutput = "timed out", ExitStatus = ExitStatus.Timeout, RetryClass = RetryClass.Retryable, Note = "timeout",
                Invocation = new InvocationRecord { Driver = "d", Command = "agent" }, Stdout = "partial output",
            };
        }
    }

    /// <summary>Ignores both the limit and its token: only the guard can end the call.</summary>
    private sealed class IgnoringAdapter : TestAdapter
    {
        public override Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken) =>
            new TaskCompletionSource<ExecutionResult>().Task;
    }

    private abstract class TestAdapter : IAdapter
    {
        public Task<HealthReport> HealthcheckAsync(CancellationToken cancellationToken) => Task.FromResult(new HealthReport { Ok = true });

        public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(new ProbeResult { Ok = true });

        public abstract Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class NullSink : IExecutionSink
    {
        public void Write(OutputChannel channel, string text)
        {
        }
    }
}
