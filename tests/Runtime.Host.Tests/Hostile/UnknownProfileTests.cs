using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>Wherever a task can be created, a profile the config does not have is refused up front, naming the field and the configured profiles, and nothing is written.</summary>
public sealed class UnknownProfileTests
{
    private const string Known = "configured profiles: tester";

    [Fact(Timeout = 120_000)]
    public async Task WorkflowCreate_ContextRequestsAnUnknownProfile_RefusedNamingTheField()
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);

        var unknown = await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g", "--context", """{"requested_profile":"ghost"}""");
        var mistyped = await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g", "--context", """{"requested_profile":7}""");

        Refusal.Assert(unknown, $"context.requested_profile: unknown profile \"ghost\"; {Known}", before, runtime.StateDir);
        Refusal.Assert(mistyped, "context.requested_profile: expected a profile name, got a number", before, runtime.StateDir);
        var known = await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g", "--context", """{"requested_profile":"tester"}""");
        Assert.True(known.ExitCode == 0, known.ToString());
    }

    [Fact(Timeout = 120_000)]
    public async Task WorkflowTransition_IncomingContextRequestsAnUnknownProfile_RefusedAndTheStoredOneStillMoves()
    {
        using var runtime = await HostileRuntime.StartedAsync();
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g")).ExitCode);

        // Stored by another runtime: a profile this config lacks does not stop an operator's transition.
        TestDb.Execute(runtime.DbPath, """UPDATE workflows SET context_json = '{"requested_profile":"bun-only"}'""");
        var before = StateHash.Of(runtime.StateDir);
        var unknown = await runtime.RunAsync("workflow-transition", "--id", "1", "--state", "execute", "--context", """{"requested_profile":"ghost"}""");
        Refusal.Assert(unknown, $"context.requested_profile: unknown profile \"ghost\"; {Known}", before, runtime.StateDir);
        var stored = await runtime.RunAsync("workflow-transition", "--id", "1", "--state", "execute", "--context", """{"b":1}""");

        Assert.True(stored.ExitCode == 0, stored.ToString());
    }

    [Theory(Timeout = 120_000)]
    [InlineData("bridge-github", "github-pr-merged.json")]
    [InlineData("bridge-discord", "discord-mention.json")]
    public async Task Bridge_LumenNotConfigured_RefusedNamingTheProfiles(string command, string fixture)
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync(command, "--file", Repo.Path_("fixtures", fixture));

        Refusal.Assert(result, $"requested_profile: unknown profile \"lumen\"; {Known}", before, runtime.StateDir);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("sensor-event", """{"sensor_id":"s","event_id":"e","source_ref":"r","dedupe_key":"d","payload":{},"proposed_task":{"kind":"k","source":"s","payload":{},"requested_profile":"ghost"}}""", "proposed_task.requested_profile: unknown profile \"ghost\"")]
    [InlineData("sensor-event", """{"sensor_id":"s","event_id":"e","source_ref":"r","dedupe_key":"d","payload":{},"proposed_workflow":{"template":"goal-loop","instance_key":"k","context":{"requested_profile":"ghost"}}}""", "proposed_workflow.context.requested_profile: unknown profile \"ghost\"")]
    [InlineData("schedule-create", """{"name":"n","interval_seconds":60,"task":{"kind":"k","payload":{},"requested_profile":"ghost"}}""", "requested_profile: unknown profile \"ghost\"")]
    [InlineData("seed-backlog", """{"workflows":[{"template":"goal-loop","instance_key":"k","context":{"requested_profile":"ghost"}}]}""", "workflows[0].context.requested_profile: unknown profile \"ghost\"")]
    [InlineData("seed-backlog", """{"tasks":[{"kind":"k","source":"s","payload":{},"requested_profile":"ghost"}]}""", "requested_profile: unknown profile \"ghost\"")]
    [InlineData("intake", """{"kind":"k","source":"s","payload":{},"requested_profile":"ghost"}""", "requested_profile: unknown profile \"ghost\"")]
    public async Task JsonCommand_TaskOrWorkflowForAnUnknownProfile_RefusedNamingTheField(string command, string json, string expected)
    {
        using var runtime = await HostileRuntime.StartedAsync();
        runtime.Directory.Write("input.json", json);
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync(command, "--file", "input.json");

        Refusal.Assert(result, expected, before, runtime.StateDir);
        Assert.Contains(Known, result.Stderr, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/api/tasks/queue", """{"message":"m","requested_profile":"ghost"}""")]
    [InlineData("/api/schedules", """{"name":"n","interval_seconds":60,"task":{"kind":"k","payload":{},"requested_profile":"ghost"}}""")]
    [InlineData("/api/sensors/events", """{"sensor_id":"s","event_id":"e","source_ref":"r","dedupe_key":"d","payload":{},"proposed_workflow":{"template":"goal-loop","instance_key":"k","context":{"requested_profile":"ghost"}}}""")]
    public async Task Post_UnknownProfile_400NamingTheProfilesAndNothingWritten(string route, string body)
    {
        var (response, stateDiff) = await WebRefusal.PostAsync(route, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = response.Json["error"]!.GetValue<string>();
        Assert.Contains("requested_profile: unknown profile \"ghost\"; " + Known, error, StringComparison.Ordinal);
        Assert.Equal("", stateDiff);
    }
}
