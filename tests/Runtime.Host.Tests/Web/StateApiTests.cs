using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class StateApiTests
{
    [Fact(Timeout = 60000)]
    public async Task State_EmptyRuntime_IdleWithEveryCountZeroAndNoEvent()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync("/api/state");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal("no-cache", response.CacheControl);
        Assert.Equal(
            """
            {
              "runtime_name": "test-agent",
              "runtime_state": "idle",
              "counts": {
                "queued": 0,
                "running": 0,
                "completed": 0,
                "blocked": 0,
                "retryable_failure": 0,
                "permanent_failure": 0,
                "operator_canceled": 0
              },
              "dispatch_paused": {
                "paused": false,
                "reason": null,
                "updated_at": null
              },
              "last_event": null
            }
            """.ReplaceLineEndings("\n"),
            response.Body);
    }

    [Fact(Timeout = 60000)]
    public async Task State_QueuedRunningAndPaused_CountsQueuedAsPendingPlusRetryAndPauseWins()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();
        var running = await runtime.IntakeAsync("""{"kind":"k","source":"s1","payload":{}}""");
        var retry = await runtime.IntakeAsync("""{"kind":"k","source":"s2","payload":{}}""");
        await runtime.IntakeAsync("""{"kind":"k","source":"s3","payload":{}}""");
        TestDb.Execute(runtime.DbPath, "UPDATE tasks SET status = 'running' WHERE task_id = $id", ("$id", running));
        TestDb.Execute(runtime.DbPath, "UPDATE tasks SET status = 'retryable_failure' WHERE task_id = $id", ("$id", retry));
        await using var web = await WebServerFixture.StartAsync(runtime);

        var before = (await web.GetAsync("/api/state")).Json;
        await runtime.RunAsync("pause", "--reason", "maintenance");
        var after = (await web.PostAsync("/api/state", null)).Json;

        Assert.Equal("running", before["runtime_state"]!.GetValue<string>());
        Assert.Equal(2, before["counts"]!["queued"]!.GetValue<long>());
        Assert.Equal(1, before["counts"]!["running"]!.GetValue<long>());
        Assert.Equal(1, before["counts"]!["retryable_failure"]!.GetValue<long>());
        Assert.Equal("task_enqueued", before["last_event"]!["event_type"]!.GetValue<string>());
        Assert.Equal("paused", after["runtime_state"]!.GetValue<string>());
        Assert.True(after["dispatch_paused"]!["paused"]!.GetValue<bool>());
        Assert.Equal("maintenance", after["dispatch_paused"]!["reason"]!.GetValue<string>());
        Assert.Equal("dispatch_pause_enabled", after["last_event"]!["event_type"]!.GetValue<string>());
    }

    [Fact(Timeout = 60000)]
    public async Task Heartbeat_AnyMethod_OkWithZeroLatency()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var get = await web.GetAsync("/api/heartbeat");
        var delete = await web.SendAsync(HttpMethod.Delete, "/api/heartbeat");

        Assert.Equal("{\n  \"ok\": true,\n  \"latency_ms\": 0\n}", get.Body);
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal(get.Body, delete.Body);
    }
}
