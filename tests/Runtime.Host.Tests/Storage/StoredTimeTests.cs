using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using Serilog;
using Serilog.Events;

namespace AgentRuntime.Host.Tests.Storage;

public sealed class StoredTimeTests
{
    [Fact(Timeout = 60_000)]
    public async Task GetTask_StoredTimestamps_RoundTripToTheSameIsoText()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input());
        harness.Time.Advance(TimeSpan.FromMilliseconds(1234.5678));
        var claimed = harness.Store.Claim()!;

        var read = harness.Store.GetTask(task.TaskId)!;

        Assert.Equal(harness.Text("SELECT created_at FROM tasks WHERE task_id = $t", ("$t", task.TaskId)), IsoTime.ToIso(read.CreatedAt));
        Assert.Equal(harness.Text("SELECT started_at FROM tasks WHERE task_id = $t", ("$t", task.TaskId)), IsoTime.ToIso(read.StartedAt));
        Assert.Equal("2026-05-01T10:00:01.234Z", IsoTime.ToIso(claimed.Attempt.StartedAt));
        Assert.Equal(TimeSpan.Zero, read.UpdatedAt.Offset);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTask_UnparseableStoredTimestamps_ReadsWithoutThrowingAndWarns()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var sink = new CollectingSink();
        var store = new TaskStore(harness.Db, harness.Store.Options, harness.Time, new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger());
        var task = store.Enqueue(StoreHarness.Input());
        harness.Db.Execute("UPDATE tasks SET created_at = 'not a date', started_at = 'yesterday-ish' WHERE task_id = $t", ("$t", task.TaskId));

        var read = store.GetTask(task.TaskId)!;

        Assert.Equal(DateTimeOffset.UnixEpoch, read.CreatedAt);
        Assert.Null(read.StartedAt);
        Assert.Equal("2026-05-01T10:00:00.000Z", IsoTime.ToIso(read.AvailableAt));
        Assert.Equal(2, sink.Events.Count(e => e.Level == LogEventLevel.Warning));
    }
}
