using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Host.Web.Stream;

namespace AgentRuntime.Host.Tests.Web.Stream;

public sealed class OperatorStreamFramingTests
{
    private static readonly OperatorStreamOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(50), KeepAliveInterval = TimeSpan.FromMinutes(5) };

    [Fact(Timeout = 30_000)]
    public async Task Stream_OnConnect_SendsEventStreamHeadersThenDashboardWithRetryAndNewestId()
    {
        using var runtime = new TestRuntime();
        await using var server = await StreamServer.StartAsync(runtime, Fast);
        var taskId = await server.IntakeAsync("before connect");

        await using var stream = await server.OpenAsync();
        var dashboard = await stream.NextFrameAsync();

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.True(stream.Response.Headers.CacheControl?.NoCache);
        Assert.Contains("keep-alive", stream.Response.Headers.Connection, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("dashboard", dashboard.Event);
        Assert.Equal("10000", dashboard.Retry);
        Assert.Equal(1, dashboard.IdValue);
        var json = dashboard.Json;
        Assert.Equal("test-agent", json["runtime_name"]!.GetValue<string>());
        Assert.Equal("idle", json["runtime_state"]!.GetValue<string>());
        Assert.Equal(1, json["counts"]!["queued"]!.GetValue<long>());
        Assert.Equal(0, json["counts"]!["operator_canceled"]!.GetValue<long>());
        Assert.False(json["dispatch_paused"]!["paused"]!.GetValue<bool>());
        Assert.Equal("task_enqueued", json["last_event"]!["event_type"]!.GetValue<string>());
        Assert.Equal(taskId, json["last_event"]!["task_id"]!.GetValue<string>());
        Assert.Equal("You are a test runtime.", json["runtime_policy"]!.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Stream_TaskQueuedWhileConnected_SendsEventsFrameIdentifiedByItsLastEvent()
    {
        using var runtime = new TestRuntime();
        await using var server = await StreamServer.StartAsync(runtime, Fast);
        await using var stream = await server.OpenAsync();
        var dashboard = await stream.NextFrameAsync();
        Assert.Equal(0, dashboard.IdValue);

        var taskId = await server.IntakeAsync("while connected");
        var frame = await stream.NextFrameAsync();

        Assert.Equal("events", frame.Event);
        Assert.Null(frame.Retry);
        Assert.Equal(frame.EventIds[^1], frame.IdValue);
        var json = frame.Json;
        var queued = json["events"]!.AsArray().Single()!;
        Assert.Equal("task_enqueued", queued["event_type"]!.GetValue<string>());
        Assert.Equal(taskId, queued["task_id"]!.GetValue<string>());
        Assert.Equal("note", queued["detail"]!["kind"]!.GetValue<string>());
        Assert.Equal("idle", json["status"]!["runtime_state"]!.GetValue<string>());
        Assert.Equal(1, json["status"]!["counts"]!["queued"]!.GetValue<long>());
        Assert.Equal(taskId, json["status"]!["recent"]![0]!["task_id"]!.GetValue<string>());
        Assert.Equal("task_enqueued", json["status"]!["last_event"]!["event_type"]!.GetValue<string>());
        Assert.Equal("test-agent", json["state"]!["runtime_name"]!.GetValue<string>());
        Assert.Equal(1, json["state"]!["counts"]!["queued"]!.GetValue<long>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Stream_PausedDispatch_DashboardSaysPaused()
    {
        using var runtime = new TestRuntime();
        await using var server = await StreamServer.StartAsync(runtime, Fast);
        await server.Core.Pause.PauseAsync("maintenance", CancellationToken.None);

        await using var stream = await server.OpenAsync();
        var json = (await stream.NextFrameAsync()).Json;

        Assert.Equal("paused", json["runtime_state"]!.GetValue<string>());
        Assert.True(json["dispatch_paused"]!["paused"]!.GetValue<bool>());
        Assert.Equal("maintenance", json["dispatch_paused"]!["reason"]!.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Stream_QuietStream_SendsKeepAliveComment()
    {
        using var runtime = new TestRuntime();
        var options = Fast with { KeepAliveInterval = TimeSpan.FromMilliseconds(200) };
        await using var server = await StreamServer.StartAsync(runtime, options);
        await using var stream = await server.OpenAsync();
        await stream.NextFrameAsync();

        var quiet = await stream.NextAsync();
        var again = await stream.NextAsync();

        Assert.Equal(new SseMessage(null, null, null, null, "keep-alive"), quiet);
        Assert.Equal(quiet, again);
    }
}
