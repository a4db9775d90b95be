using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>Numbers, dates and sizes out of range are refused up front, by the checks intake makes, before anything is written.</summary>
public sealed class RangeTests
{
    [Theory(Timeout = 120_000)]
    [InlineData("retryBackoffSeconds", 1e308, "$.retryBackoffSeconds: expected a number of seconds from 0 to 31536000")]
    [InlineData("retryBackoffSeconds", -1, "$.retryBackoffSeconds: expected a number of seconds from 0 to 31536000")]
    [InlineData("maxAttempts", 1e300, "$.maxAttempts: expected a number of attempts from 1 to 1000000")]
    [InlineData("maxRateLimitRetries", -5, "$.maxRateLimitRetries: expected a number of retries from 0 to 1000000")]
    [InlineData("defaultAdapterTimeoutMs", 1e200, "$.defaultAdapterTimeoutMs: expected a number of milliseconds of at most 2147483647")]
    public async Task Config_NumberOutOfRange_RefusedWhenLoaded(string key, double value, string expected)
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Config[key] = value;
        runtime.Save();

        var health = await runtime.RunAsync("healthcheck");
        var run = await runtime.RunAsync("run-once");

        Assert.True(Refusal.Problem(health) is null, health.ToString());
        Assert.Contains(expected, health.Stderr, StringComparison.Ordinal);
        Assert.True(Refusal.Problem(run) is null, run.ToString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Config_AdapterTimeoutOutOfRange_Refused()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "exit 0");
        runtime.Adapters["script-ok"]!["timeoutMs"] = 1e20;
        runtime.Save();

        var result = await runtime.RunAsync("status");

        Assert.True(Refusal.Problem(result) is null, result.ToString());
        Assert.Contains("$.adapters.script-ok.timeoutMs: expected a number of milliseconds", result.Stderr, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(5e9)]
    [InlineData(1e12)]
    public async Task Intake_DelayBeyondTheLastDate_Refused(double minutes)
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync("intake", "--json", new JsonObject { ["kind"] = "k", ["source"] = "s", ["payload"] = new JsonObject(), ["schedule"] = new JsonObject { ["delay_minutes"] = minutes } }.ToJsonString());

        Refusal.Assert(result, "schedule.delay_minutes: expected a non-negative number", before, runtime.StateDir);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("""{"kind":"k","source":"s","payload":{},"available_at":"not a date"}""", "proposed_task.available_at: expected a date such as 2026-04-29T10:00:00.000Z, got \"not a date\"")]
    [InlineData("""{"kind":"k","source":"s","payload":{},"schedule":{"delay_minutes":1e12}}""", "proposed_task.schedule.delay_minutes")]
    [InlineData("""{"kind":"k","source":"s","payload":{},"requested_profile":"nobody"}""", "proposed_task.requested_profile: unknown profile \"nobody\"")]
    public async Task SensorEvent_ProposedTaskThatCannotBeQueued_RefusedBeforeTheEventIsRecorded(string task, string expected)
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync("sensor-event", "--json", $$"""{"sensor_id":"s","event_id":"e","source_ref":"r","dedupe_key":"d","payload":{},"proposed_workflow":{"template":"goal-loop","instance_key":"g"},"proposed_task":{{task}}}""");

        Refusal.Assert(result, expected, before, runtime.StateDir);
    }

    [Fact(Timeout = 120_000)]
    public async Task SensorEvent_OversizedProposedPayload_Refused()
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);
        var input = new JsonObject
        {
            ["sensor_id"] = "s", ["event_id"] = "e", ["source_ref"] = "r", ["dedupe_key"] = "d", ["payload"] = new JsonObject(),
            ["proposed_task"] = new JsonObject { ["kind"] = "k", ["source"] = "s", ["payload"] = new JsonObject { ["blob"] = new string('x', 300 * 1024) } },
        };
        runtime.Directory.Write("event.json", input.ToJsonString());

        var result = await runtime.RunAsync("sensor-event", "--file", "event.json");

        Refusal.Assert(result, "proposed_task.payload: too large", before, runtime.StateDir);
    }

    [Fact(Timeout = 120_000)]
    public async Task BridgeDiscord_300KbMessage_Refused()
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var evt = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "fixtures", "discord-mention.json")))!.AsObject();
        evt["message"] = new string('m', 300 * 1024);
        runtime.Directory.Write("discord.json", evt.ToJsonString());
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync("bridge-discord", "--file", "discord.json");

        Refusal.Assert(result, "too large", before, runtime.StateDir);
    }
}
