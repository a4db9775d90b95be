using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>The watch of one running attempt: its token is cancelled by the operator's request, on the injected clock.</summary>
public sealed class CancelWatcherTests
{
    [Fact(Timeout = 60_000)]
    public async Task Watcher_RequestRecordedWhileRunning_CancelsTheTokenAtTheNextPoll()
    {
        using var runtime = new TestRuntime().Save();
        using var store = Store(runtime);
        var claimed = await ClaimAsync(store);
        var clock = new TimerSignalingClock();
        await using var watcher = CancelWatcher.Start(store, claimed.Attempt.AttemptId, clock, Serilog.Core.Logger.None, CancellationToken.None);
        await clock.TimerCreated.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the first poll found nothing and waits for the next

        await store.RequestCancelAsync(claimed.Task.TaskId, "stop", CancellationToken.None);
        Assert.False(watcher.Token.IsCancellationRequested);
        clock.Advance(CancelWatcher.DefaultInterval);

        Assert.True(await ProcessTree.WaitUntilAsync(() => watcher.Token.IsCancellationRequested, TimeSpan.FromSeconds(10)), "the request was not noticed");
        Assert.Equal(new CancelRequest(claimed.Task.TaskId, claimed.Attempt.AttemptId, "stop"), watcher.Request);
    }

    [Fact(Timeout = 60_000)]
    public async Task Watcher_DispatcherStopped_CancelsTheTokenWithoutARequest()
    {
        using var runtime = new TestRuntime().Save();
        using var store = Store(runtime);
        var claimed = await ClaimAsync(store);
        using var dispatcher = new CancellationTokenSource();
        await using var watcher = CancelWatcher.Start(store, claimed.Attempt.AttemptId, new FakeTimeProvider(), Serilog.Core.Logger.None, dispatcher.Token);

        await dispatcher.CancelAsync();

        Assert.True(watcher.Token.IsCancellationRequested);
        Assert.Null(watcher.Request);
    }

    private static SqliteRuntimeStore Store(TestRuntime runtime) => new(
        runtime.DbPath,
        new TaskStoreOptions { DefaultProfile = "tester", MaxAttempts = 2, RetryBackoffSeconds = 1, RunnerId = "runner-a" },
        TimeProvider.System,
        Serilog.Core.Logger.None);

    private static async Task<ClaimedTask> ClaimAsync(SqliteRuntimeStore store)
    {
        var input = TaskInputParser.Parse(JsonNode.Parse("""{"kind":"k","source":"s","payload":{}}"""));
        await store.EnqueueAsync(TaskInputValidator.Validate(input, store.Options, TimeProvider.System.GetUtcNow()), CancellationToken.None);
        return (await store.ClaimAsync(CancellationToken.None))!;
    }

    /// <summary>A fake clock that says when a wait on it has been scheduled.</summary>
    private sealed class TimerSignalingClock : FakeTimeProvider
    {
        public TaskCompletionSource TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerCreated.TrySetResult();
            return timer;
        }
    }
}
