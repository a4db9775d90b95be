using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary><c>seed-backlog</c> with the shipped example and with bad files (spec §1.2, §7.5).</summary>
public sealed class BacklogTests
{
    [Fact(Timeout = 120_000)]
    public async Task SeedBacklog_ShippedLocalSeedTwice_WorkflowCreatedOnceTasksQueuedEachTime()
    {
        // The shipped seed's workflow asks for proving-claude, which the shipped config (config/local.json) has.
        using var runtime = new TestRuntime().InProcess().AddProfile("proving-claude").Save();
        var seed = Repo.Path_("backlog", "local.seed.json");

        var first = await runtime.RunAsync("seed-backlog", "--file", seed);
        var second = await runtime.RunAsync("seed-backlog", "--file", seed);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["createdWorkflows", "queuedTasks"], first.Json.Select(p => p.Key));
        var created = first.Json["createdWorkflows"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["created", "workflow_id", "workflow"], created.Select(p => p.Key));
        Assert.Equal("local-goal-loop-demo", created["workflow"]!["instance_key"]!.GetValue<string>());
        Assert.Equal(["created", "workflow"], second.Json["createdWorkflows"]!.AsArray().Single()!.AsObject().Select(p => p.Key));
        Assert.False(second.Json["createdWorkflows"]![0]!["created"]!.GetValue<bool>());
        var queued = first.Json["queuedTasks"]!.AsArray().Select(t => t!.AsObject()).ToList();
        Assert.Equal(["task_id", "kind", "source"], queued[0].Select(p => p.Key));
        Assert.Equal(["operator:local-seed:heartbeat", "operator:local-seed:base-readiness"], queued.Select(t => t["source"]!.GetValue<string>()));
        Assert.Equal(4L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks"));
        var workflow = TestDb.Query(runtime.DbPath, "SELECT template, current_state, context_json FROM workflows").Single();
        Assert.Equal("plan", workflow["current_state"]);
        Assert.Equal("proving-claude", JsonNode.Parse((string)workflow["context_json"]!)!["requested_profile"]!.GetValue<string>());
    }

    [Fact(Timeout = 120_000)]
    public async Task SeedBacklog_UnknownTemplate_IsSkippedAndTheRestSeeded()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        runtime.Directory.Write("b.json", """{"workflows":[{"template":"nope","instance_key":"a"},{"template":"wallet-onboarding","instance_key":"b","state":"draft-wallet-checklist","context":{"agent_name":"Iris"}}]}""");

        var result = await runtime.RunAsync("seed-backlog", "--file", "b.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var entry = result.Json["createdWorkflows"]!.AsArray().Single()!;
        Assert.Equal("""{"template":"wallet-onboarding","instance_key":"b","state":"draft-wallet-checklist","context":{"agent_name":"Iris"}}""", entry["workflow"]!.ToJsonString());
        Assert.Equal("""{"agent_name":"Iris"}""", TestDb.Scalar(runtime.DbPath, "SELECT context_json FROM workflows"));
        Assert.Empty(result.Json["queuedTasks"]!.AsArray());
    }

    [Theory(Timeout = 120_000)]
    [InlineData("""{"workflows":[{"template":"goal-loop","instance_key":"g"}],"tasks":[{"kind":"k","source":"s","payload":{}},{"kind":"k","payload":{}}]}""", "tasks[1].source: expected a non-empty string")]
    [InlineData("""{"workflows":[{"template":"goal-loop"}]}""", "workflows[0].instance_key: expected a non-empty string, got nothing")]
    [InlineData("""{"tasks":{"kind":"k"}}""", "tasks: expected an array, got an object")]
    public async Task SeedBacklog_InvalidEntry_ExitsNonZeroNamingItAndWritesNothing(string backlog, string message)
    {
        using var runtime = new TestRuntime().InProcess().Save();
        runtime.Directory.Write("b.json", backlog);

        var result = await runtime.RunAsync("seed-backlog", "--file", "b.json");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        FlowAssert.NothingWritten(runtime);
    }
}
