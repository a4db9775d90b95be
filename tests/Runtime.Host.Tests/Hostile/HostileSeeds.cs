using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>The valid inputs the generator mutates: every JSON the CLI and the web API read, with the values each field must refuse.</summary>
internal static class HostileSeeds
{
    private static readonly JsonNode?[] NotAString = [7, true, new JsonArray(), new JsonObject()];
    private static readonly JsonNode?[] NotANonEmptyString = [7, true, "", new JsonArray(), new JsonObject(), null];
    private static readonly JsonNode?[] NotAnObject = ["x", 7, new JsonArray(), true, null];
    private static readonly JsonNode?[] NotADate = ["not a date", "2026-13-45T00:00:00Z", "2026-02-30T00:00:00Z", "+275760-09-13T00:00:00.000Z", 12, true];

    public static HostileSeed Intake => new("intake", Task(), TaskFields("")) { OversizePath = "payload.note" };

    public static HostileSeed Schedule => new(
        "schedule",
        new JsonObject { ["name"] = "hostile-schedule", ["interval_seconds"] = 60, ["task"] = Task(), ["next_run_at"] = "2099-01-01T00:00:00.000Z", ["enabled"] = true, ["schedule_id"] = "hostile-id" },
        [
            FieldSpec.Of("name", 7, "", "   ", null, new JsonArray(), true),
            FieldSpec.Of("interval_seconds", 0, -1, 1.5, "60", 1e308, null, 2147483648d, true),
            FieldSpec.Of("task", NotAnObject),
            FieldSpec.Of("next_run_at", NotADate),
            FieldSpec.Of("enabled", "false", "true", 0, 1, new JsonArray()),
            FieldSpec.Of("schedule_id", 7, "", true),
            .. TaskFields("task.").Where(f => f.Path != "task.source"),
            FieldSpec.Of("task.source", 7, false, new JsonArray()),
        ]) { OversizePath = "task.payload.note" };

    public static HostileSeed SensorEvent => new(
        "sensor-event",
        new JsonObject
        {
            ["sensor_id"] = "hostile-sensor", ["event_id"] = "hostile-event", ["source_ref"] = "ref", ["dedupe_key"] = "hostile-dedupe",
            ["payload"] = new JsonObject { ["note"] = "text" }, ["observed_at"] = "2026-04-29T10:00:00.000Z",
            ["proposed_task"] = Task(),
            ["proposed_workflow"] = new JsonObject { ["template"] = "goal-loop", ["instance_key"] = "hostile-sensor-wf", ["state"] = "plan", ["context"] = new JsonObject { ["summary"] = "s" } },
        },
        [
            FieldSpec.Of("sensor_id", NotANonEmptyString),
            FieldSpec.Of("event_id", NotANonEmptyString),
            FieldSpec.Of("source_ref", NotANonEmptyString),
            FieldSpec.Of("dedupe_key", NotANonEmptyString),
            FieldSpec.Of("payload", NotAnObject),
            FieldSpec.Of("observed_at", NotADate),
            FieldSpec.Of("proposed_task", "x", 7, new JsonArray(), true),
            FieldSpec.Of("proposed_workflow", "x", 7, new JsonArray(), true),
            FieldSpec.Of("proposed_workflow.template", "no-such-template", 7, "", null),
            FieldSpec.Of("proposed_workflow.instance_key", NotANonEmptyString),
            FieldSpec.Of("proposed_workflow.state", "nowhere", 7, ""),
            FieldSpec.Of("proposed_workflow.context", "x", 7, new JsonArray(), true),
            .. TaskFields("proposed_task."),
        ]) { OversizePath = "proposed_task.payload.note" };

    public static HostileSeed GitHub => new(
        "bridge-github",
        new JsonObject
        {
            ["event"] = "pull_request.closed", ["repository"] = "aibtcdev/agent-runtime", ["title"] = "t", ["number"] = 7, ["author"] = "a",
            ["url"] = "https://example.invalid/pr/7", ["merged"] = true, ["summary"] = "s", ["operator_question"] = "q",
        },
        [
            FieldSpec.Of("repository", NotANonEmptyString),
            FieldSpec.Of("title", NotANonEmptyString),
            FieldSpec.Of("number", "7", null, true, new JsonArray()),
            FieldSpec.Of("author", NotANonEmptyString),
            FieldSpec.Of("url", NotANonEmptyString),
        ]) { OversizePath = "summary" };

    public static HostileSeed Discord => new(
        "bridge-discord",
        new JsonObject { ["event"] = "discord.mention", ["channel"] = "c", ["author"] = "a", ["message"] = "m", ["reply_style"] = "short", ["operator_goal"] = "g" },
        [FieldSpec.Of("channel", NotANonEmptyString), FieldSpec.Of("author", NotANonEmptyString), FieldSpec.Of("message", NotANonEmptyString)]) { OversizePath = "message" };

    public static HostileSeed Backlog => new(
        "seed-backlog",
        new JsonObject
        {
            ["workflows"] = new JsonArray(new JsonObject { ["template"] = "goal-loop", ["instance_key"] = "hostile-backlog-wf", ["state"] = "plan", ["context"] = new JsonObject { ["summary"] = "s" } }),
            ["tasks"] = new JsonArray(Task()),
        },
        [
            FieldSpec.Of("workflows", "x", 5, new JsonObject(), true),
            FieldSpec.Of("tasks", "x", 5, new JsonObject(), true),
            FieldSpec.Of("workflows[0]", "x", 5, true, new JsonArray()),
            FieldSpec.Of("workflows[0].template", 7, "", null, true),
            FieldSpec.Of("workflows[0].instance_key", NotANonEmptyString),
            FieldSpec.Of("workflows[0].state", "nowhere", 7, ""),
            FieldSpec.Of("workflows[0].context", "x", 5, new JsonArray(), true),
            FieldSpec.Of("tasks[0]", "x", 5, true, new JsonArray()),
            .. TaskFields("tasks[0]."),
        ]) { OversizePath = "tasks[0].payload.note" };

    /// <summary>The web queue route's body.</summary>
    public static HostileSeed Queue => new(
        "queue",
        new JsonObject { ["message"] = "hello /review", ["subject"] = "s", ["priority"] = 5, ["requested_profile"] = "tester", ["max_attempts"] = 2 },
        [
            FieldSpec.Of("message", 7, "", "   ", null, new JsonArray(), true),
            FieldSpec.Of("priority", "5", 1.5, 1e308, true, new JsonArray()),
            FieldSpec.Of("max_attempts", 0, -1, "3", 1.5, 1e308),
            FieldSpec.Of("requested_profile", "nobody", 7, "", true),
            FieldSpec.Of("requested_adapter", 7, true, new JsonObject()),
        ]) { OversizePath = "message" };

    public static HostileSeed Pause => new("pause", new JsonObject { ["paused"] = true, ["reason"] = "r" }, [FieldSpec.Of("paused", "true", 1, null, new JsonArray(), new JsonObject())]);

    public static HostileSeed Tick => new("tick", new JsonObject { ["at"] = "2026-04-29T10:05:00.000Z" }, [FieldSpec.Of("at", "not a date", 5, true, new JsonArray(), "2026-02-30T00:00:00Z")]) { LenientBody = true };

    public static HostileSeed Cancel => new("cancel", new JsonObject { ["reason"] = "r" }, []) { LenientBody = true };

    public static JsonObject Task() => new()
    {
        ["kind"] = "hostile", ["source"] = "hostile-src", ["subject"] = "s", ["description"] = "d", ["priority"] = 5,
        ["payload"] = new JsonObject { ["note"] = "text", ["list"] = new JsonArray(1, "two") },
        ["requested_profile"] = "tester", ["requested_adapter"] = "script-ok", ["max_attempts"] = 2,
        ["schedule"] = new JsonObject { ["delay_minutes"] = 5 },
    };

    private static List<FieldSpec> TaskFields(string prefix) =>
    [
        FieldSpec.Of(prefix + "kind", NotANonEmptyString),
        FieldSpec.Of(prefix + "source", NotANonEmptyString),
        FieldSpec.Of(prefix + "subject", NotAString),
        FieldSpec.Of(prefix + "description", NotAString),
        FieldSpec.Of(prefix + "priority", "5", 1.5, 1e308, -1e308, true, new JsonArray(), 2147483648d),
        FieldSpec.Of(prefix + "payload", NotAnObject),
        FieldSpec.Of(prefix + "requested_profile", 7, "", "nobody", new JsonArray()),
        FieldSpec.Of(prefix + "requested_adapter", 7, true, new JsonObject()),
        FieldSpec.Of(prefix + "max_attempts", 0, -1, 1.5, "3", 1e308, true),
        FieldSpec.Of(prefix + "available_at", NotADate),
        FieldSpec.Of(prefix + "schedule", "soon", 5, new JsonArray()),
        FieldSpec.Of(prefix + "schedule.delay_minutes", -1, "5", 1e12, 1e308, true),
    ];
}
