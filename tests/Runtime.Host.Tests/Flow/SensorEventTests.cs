using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>Sensor events through the CLI: dedupe, workflow reuse, linkage, and delivery races between processes.</summary>
public sealed class SensorEventTests
{
    internal const string Event = """
        {"sensor_id":"discord-mentions","event_id":"message-123","observed_at":"2026-04-29T10:00:00Z",
         "source_ref":"discord://channel/message-123","dedupe_key":"discord:message-123","payload":{"summary":"external request"},
         "proposed_task":{"kind":"discord-reply","source":"alb-thread:123","payload":{"m":1}},
         "proposed_workflow":{"template":"goal-loop","instance_key":"discord-message-123","context":{"summary":"Respond to Discord request"}}}
        """;

    [Fact(Timeout = 120_000)]
    public async Task SensorEvent_SentTwice_OneRecordOneTaskOneWorkflowAndTheSecondIsDeduped()
    {
        using var runtime = new TestRuntime().InProcess().Save();

        var first = await runtime.RunAsync("sensor-event", "--json", Event);
        var second = await runtime.RunAsync("sensor-event", "--json", Event);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Equal(["accepted", "task_id", "workflow_id", "event"], first.Json.Select(p => p.Key));
        Assert.True(first.Json["accepted"]!.GetValue<bool>());
        var taskId = first.Json["task_id"]!.GetValue<string>();
        Assert.Equal(1, first.Json["workflow_id"]!.GetValue<int>());
        var record = first.Json["event"]!.AsObject();
        Assert.Equal(
            ["sensor_event_id", "sensor_id", "event_id", "observed_at", "source_ref", "dedupe_key", "payload", "task_id", "workflow_id", "created_at"],
            record.Select(p => p.Key));
        Assert.Equal("2026-04-29T10:00:00.000Z", record["observed_at"]!.GetValue<string>());
        Assert.Equal(taskId, record["task_id"]!.GetValue<string>());
        Assert.Equal("""{"accepted":false,"task_id":null,"workflow_id":null,"event":null}""", second.Json.ToJsonString());

        var row = TestDb.Query(runtime.DbPath, "SELECT * FROM sensor_events").Single();
        Assert.Equal(taskId, row["task_id"]);
        Assert.Equal(1L, row["workflow_id"]);
        Assert.Equal("""{"summary":"external request"}""", row["payload_json"]);
        Assert.Equal("alb-thread:123", runtime.Task(taskId)["source"]);
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks"));
        Assert.Equal("plan", TestDb.Scalar(runtime.DbPath, "SELECT current_state FROM workflows WHERE instance_key = 'discord-message-123'"));
        Assert.Equal(
            ["sensor_event_recorded", "sensor_workflow_created", "task_enqueued", "sensor_task_created", "sensor_event_deduped"],
            TestDb.EventTypes(runtime.DbPath));
    }

    [Fact(Timeout = 120_000)]
    public async Task SensorEvent_SameSensorAndEventIdWithNewDedupeKey_IsDedupedAndAnExistingWorkflowIsReused()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        Assert.Equal(0, (await runtime.RunAsync("sensor-event", "--json", Event)).ExitCode);

        var sameEventId = await runtime.RunAsync("sensor-event", "--json", Event.Replace("\"discord:message-123\"", "\"other-key\"", StringComparison.Ordinal));
        var otherEvent = await runtime.RunAsync("sensor-event", "--json", Event
            .Replace("\"discord:message-123\"", "\"discord:message-124\"", StringComparison.Ordinal)
            .Replace("\"message-123\"", "\"message-124\"", StringComparison.Ordinal));

        Assert.False(sameEventId.Json["accepted"]!.GetValue<bool>());
        Assert.True(otherEvent.Json["accepted"]!.GetValue<bool>());
        Assert.Equal(1, otherEvent.Json["workflow_id"]!.GetValue<int>());
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM workflows"));
        Assert.Equal(2L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks"));
        Assert.Equal("""{"sensor_event_id":"X","workflow_id":1,"instance_key":"discord-message-123"}""", ((string)TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'sensor_workflow_deduped'")!)
            .Replace(otherEvent.Json["event"]!["sensor_event_id"]!.GetValue<string>(), "X", StringComparison.Ordinal));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("""{"sensor_id":"s","event_id":"e","source_ref":"r","dedupe_key":"d","payload":{},"proposed_workflow":{"template":"nope","instance_key":"k"}}""", "unknown workflow template: nope")]
    [InlineData("""{"event_id":"e","source_ref":"r","dedupe_key":"d","payload":{}}""", "sensor_id: expected a non-empty string, got nothing")]
    [InlineData("""{"sensor_id":"s","event_id":"e","source_ref":"r","dedupe_key":"d","payload":{},"proposed_task":{"kind":"k","source":"s"}}""", "proposed_task.payload: expected a JSON object")]
    public async Task SensorEvent_InvalidInput_ExitsNonZeroAndRecordsNothing(string input, string message)
    {
        using var runtime = new TestRuntime().InProcess().Save();

        var result = await runtime.RunAsync("sensor-event", "--json", input);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        FlowAssert.NothingWritten(runtime);
    }
}
