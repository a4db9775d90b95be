using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>Input that was accepted although it was garbage: now refused with the field named, nothing written.</summary>
public sealed class GarbageTests
{
    [Fact(Timeout = 120_000)]
    public async Task WorkflowCreate_StateTheTemplateDoesNotHave_Refused()
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g", "--state", "nowhere");

        Refusal.Assert(result, "Unknown state nowhere for workflow template goal-loop; its states: plan,", before, runtime.StateDir);
    }

    [Fact(Timeout = 120_000)]
    public async Task SensorEvent_ProposedWorkflowInAStateTheTemplateDoesNotHave_Refused()
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync("sensor-event", "--json", """{"sensor_id":"s","event_id":"e","source_ref":"r","dedupe_key":"d","payload":{},"proposed_workflow":{"template":"goal-loop","instance_key":"g","state":"nowhere"}}""");

        Refusal.Assert(result, "proposed_workflow.state: unknown state nowhere for workflow template goal-loop", before, runtime.StateDir);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("\"false\"", "enabled: expected true or false, got a string")]
    [InlineData("0", "enabled: expected true or false, got a number")]
    public async Task ScheduleCreate_EnabledNotABoolean_Refused(string enabled, string expected)
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync("schedule-create", "--json", """{"name":"n","interval_seconds":60,"enabled":""" + enabled + ""","task":{"kind":"k","payload":{}}}""");

        Refusal.Assert(result, expected, before, runtime.StateDir);
    }

    [Fact(Timeout = 120_000)]
    public async Task ScheduleCreate_TaskThatCanNeverBeQueued_Refused()
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);
        var task = new JsonObject { ["kind"] = "k", ["payload"] = new JsonObject { ["blob"] = new string('x', 300 * 1024) } };
        runtime.Directory.Write("schedule.json", new JsonObject { ["name"] = "n", ["interval_seconds"] = 60, ["task"] = task }.ToJsonString());

        var result = await runtime.RunAsync("schedule-create", "--file", "schedule.json");

        Refusal.Assert(result, "task.payload: too large", before, runtime.StateDir);
    }

    [Fact(Timeout = 120_000)]
    public async Task WorkflowTransition_CompletedWorkflow_Refused()
    {
        using var runtime = await HostileRuntime.StartedAsync();
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g")).ExitCode);
        Assert.Equal(0, (await runtime.RunAsync("workflow-complete", "--id", "1")).ExitCode);
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync("workflow-transition", "--id", "1", "--state", "execute");

        Refusal.Assert(result, "Workflow 1 is completed (plan); a completed workflow does not transition", before, runtime.StateDir);
    }

    [Fact(Timeout = 120_000)]
    public async Task Healthcheck_DefaultProfileNotConfigured_Fails()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Config["defaultProfile"] = "ghost";
        runtime.Save();

        var result = await runtime.RunAsync("healthcheck");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("defaultProfile ghost is not a configured profile (configured: tester)", result.Stdout, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("\"skills\": \"testing\"", "profile tester: skills expected an array of strings, got a string")]
    [InlineData("\"system_prompt_parts\": [\"a\", 7]", "profile tester: system_prompt_parts[1] expected a string, got a number")]
    [InlineData("\"style\": 3", "profile tester: style expected a string, got a number")]
    [InlineData("\"context_policy\": {\"max_prompt_chars\": \"lots\"}", "profile tester: context_policy.max_prompt_chars expected an integer")]
    public async Task Healthcheck_ProfileFieldOfTheWrongType_Fails(string field, string expected)
    {
        using var runtime = new TestRuntime().InProcess().Save();
        var profile = new JsonObject { ["profile_id"] = "tester", ["role"] = "r", ["system_prompt_parts"] = new JsonArray("p"), ["default_adapter"] = "script-ok" };
        foreach (var (key, value) in JsonNode.Parse("{" + field + "}")!.AsObject())
        {
            profile[key] = value?.DeepClone();
        }

        runtime.Directory.Write("profiles/tester/profile.json", profile.ToJsonString());

        var result = await runtime.RunAsync("healthcheck");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
    }
}
