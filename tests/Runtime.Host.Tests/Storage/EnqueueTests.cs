using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Storage;

public sealed class EnqueueTests
{
    [Fact(Timeout = 60_000)]
    public async Task Enqueue_FullInput_StoresEveryFieldAndNormalizesTheDate()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var node = JsonNode.Parse("""
            {"kind":"github-story","source":"github-bridge","subject":"S","description":"D","priority":8,"payload":{"x":[1,2]},
             "requested_profile":"tester","requested_adapter":"codex-local","max_attempts":4,"available_at":"2026-05-02",
             "schedule":{"delay_minutes":10},"extra":"ignored"}
            """);

        var task = harness.Store.Enqueue(TaskInputParser.Parse(node, ["tester"]));

        var stored = harness.Store.GetTask(task.TaskId)!;
        Assert.Equal(
            ("github-story", "github-bridge", "S", "D", 8, "tester", "codex-local", 4, "2026-05-02T00:00:00.000Z", "pending", 0),
            (stored.Kind, stored.Source, stored.Subject, stored.Description, stored.Priority, stored.RequestedProfile, stored.RequestedAdapter, stored.MaxAttempts, IsoTime.ToIso(stored.AvailableAt), stored.Status, stored.AttemptCount));
        Assert.Equal("""{"x":[1,2]}""", harness.Text("SELECT payload_json FROM tasks WHERE task_id = $t", ("$t", task.TaskId)));
        Assert.Equal(task, stored with { Payload = task.Payload });
    }

    [Fact(Timeout = 60_000)]
    public async Task Enqueue_FractionalDelay_AddsWholeMillisecondsLikeJavaScript()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        harness.Time.Advance(TimeSpan.FromMilliseconds(7));

        var task = harness.Store.Enqueue(StoreHarness.Input(delayMinutes: 0.00001));

        // 0.00001 min = 0.6 ms, truncated: available the same millisecond as created.
        Assert.Equal("2026-05-01T10:00:00.007Z", IsoTime.ToIso(task.AvailableAt));
        Assert.Equal("2026-05-01T10:01:30.007Z", IsoTime.ToIso(harness.Store.Enqueue(StoreHarness.Input(delayMinutes: 1.5)).AvailableAt));
    }

    private static readonly Dictionary<string, TaskInput> InvalidInputs = new()
    {
        ["negative delay"] = StoreHarness.Input(delayMinutes: -0.5),
        ["NaN delay"] = StoreHarness.Input(delayMinutes: double.NaN),
        ["bad date"] = StoreHarness.Input(availableAt: "tomorrow"),
        ["zero attempts"] = StoreHarness.Input(maxAttempts: 0),
        ["empty kind"] = StoreHarness.Input(kind: ""),
        ["big payload"] = StoreHarness.Input() with { Payload = new JsonObject { ["p"] = new string('é', TaskInputValidator.MaxPayloadBytes / 2) } },
    };

    [Theory(Timeout = 60_000)]
    [InlineData("negative delay", "schedule.delay_minutes: expected a non-negative number of minutes, got -0.5")]
    [InlineData("NaN delay", "schedule.delay_minutes: expected a non-negative number of minutes, got NaN")]
    [InlineData("bad date", "available_at: expected a date such as 2026-04-29T10:00:00.000Z, got \"tomorrow\"")]
    [InlineData("zero attempts", "max_attempts: expected a positive integer, got 0")]
    [InlineData("empty kind", "kind: expected a non-empty string")]
    [InlineData("big payload", "payload: too large (262152 bytes; the limit is 262144)")]
    public async Task Enqueue_InvalidValue_ThrowsNamingTheFieldAndWritesNothing(string inputName, string message)
    {
        await Task.Yield();
        using var harness = new StoreHarness();

        var error = Assert.Throws<TaskInputException>(() => harness.Store.Enqueue(InvalidInputs[inputName]));

        Assert.Equal(message, error.Message);
        Assert.Equal(0, harness.Count("SELECT COUNT(*) FROM tasks"));
        Assert.Equal(0, harness.Count("SELECT COUNT(*) FROM run_events"));
    }
}
