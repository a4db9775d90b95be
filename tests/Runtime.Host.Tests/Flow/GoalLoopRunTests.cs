using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>A goal loop driven to completion by repeated <c>run-once</c> with a script that answers each phase.</summary>
public sealed class GoalLoopRunTests
{
    /// <summary>Reads its phase (and the verify iteration) from the payload and prints the canonical JSON with the signal.</summary>
    private const string PhaseScript = """
        p="$AGENT_RUNTIME_TASK_PAYLOAD_JSON"
        reply() { printf '{"status":"completed","operator_summary":"%s","machine_status":"%s","workflow_signal":"%s","file_changes":[],"artifact_paths":[]}\n' "$1" "$2" "$2"; }
        case "$p" in
          *'"phase":"plan"'*) reply "Plan written with scope, acceptance criteria and a stop condition." plan_ready ;;
          *'"phase":"execute"'*) reply "Executed one bounded iteration of the plan." execute_ready ;;
          *'"phase":"verify","iteration":1,'*) reply "Iteration 1 verified; more work remains." continue ;;
          *'"phase":"verify"'*) reply "Iteration 2 verified; the goal is met." complete ;;
          *) echo "unexpected payload: $p" >&2; exit 2 ;;
        esac
        """;

    [Fact(Timeout = 300_000)]
    public async Task GoalLoop_ContinueThenComplete_EveryStateEntryRunsNewWorkAndEachIterationLeavesItsArtifacts()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", PhaseScript);
        runtime.Save();
        var created = await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "ship", "--context", """{"summary":"Ship builder mode","objective":"Ship it","requested_profile":"tester"}""");
        Assert.True(created.ExitCode == 0, created.ToString());

        var statuses = new List<string>();
        for (var cycle = 0; cycle < 16 && TestDb.Scalar(runtime.DbPath, "SELECT completed_at FROM workflows") is null; cycle++)
        {
            var result = await runtime.RunAsync("run-once");
            Assert.True(result.ExitCode == 0, result.ToString());
            statuses.Add(result.Json["status"]!.GetValue<string>());
        }

        var workflow = TestDb.Query(runtime.DbPath, "SELECT current_state, completed_at, context_json FROM workflows").Single();
        Assert.Equal("complete", workflow["current_state"]);
        Assert.NotNull(workflow["completed_at"]);
        Assert.DoesNotContain("blocked", statuses);

        // plan → execute → verify → (continue) → execute → verify → (complete): a new task at every entry.
        var tasks = TestDb.Query(runtime.DbPath, "SELECT task_id, kind, source, status, payload_json FROM tasks ORDER BY rowid");
        Assert.Equal(
            ["goal-plan", "goal-execute", "goal-verify", "goal-execute", "goal-verify"],
            tasks.Select(t => (string)t["kind"]!));
        Assert.Equal(
            ["workflow:1:plan", "workflow:1:execute", "workflow:1:verify", "workflow:1:execute", "workflow:1:verify"],
            tasks.Select(t => (string)t["source"]!));
        Assert.All(tasks, t => Assert.Equal("completed", t["status"]));
        Assert.Equal(5, tasks.Select(t => t["task_id"]).Distinct().Count());

        var context = JsonNode.Parse((string)workflow["context_json"]!)!.AsObject();
        var baseName = context["base_name"]!.GetValue<string>();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-ship-builder-mode$", baseName);
        Assert.Equal($"plans/{baseName}-plan.md", context["plan_artifact"]!.GetValue<string>());
        Assert.Equal(2, context["execution_iteration"]!.GetValue<int>());
        Assert.Equal("complete", context["last_workflow_signal"]!.GetValue<string>());

        string[] artifacts =
        [
            $"plans/{baseName}-plan.md",
            $"reports/{baseName}-execute-1.md",
            $"reports/{baseName}-verify-1.md",
            $"reports/{baseName}-execute-2.md",
            $"reports/{baseName}-verify-2.md",
        ];
        foreach (var artifact in artifacts)
        {
            Assert.True(File.Exists(Path.Combine(runtime.ArtifactDir, artifact)), $"missing {artifact}");
        }

        Assert.Contains("Iteration 1 verified; more work remains.", File.ReadAllText(Path.Combine(runtime.ArtifactDir, artifacts[2])), StringComparison.Ordinal);
        Assert.Contains("Iteration 2 verified; the goal is met.", File.ReadAllText(Path.Combine(runtime.ArtifactDir, artifacts[4])), StringComparison.Ordinal);
        Assert.Equal(
            ["workflow:1:plan", "workflow:1:execute", "workflow:1:verify", "workflow:1:execute", "workflow:1:verify"],
            TestDb.Query(runtime.DbPath, "SELECT t.source FROM run_events e JOIN tasks t ON t.task_id = e.task_id WHERE e.event_type = 'workflow_task_created' ORDER BY e.id").Select(r => (string)r["source"]!));
        Assert.Equal(5L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'workflow_transitioned'"));
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'workflow_completed'"));

        var log = File.ReadAllLines(Path.Combine(runtime.StateDir, "logs", "runtime.jsonl"))
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(line => line["event"]!.GetValue<string>() == "workflow_evaluation")
            .ToList();
        Assert.Equal(statuses.Count, log.Count);
        Assert.Equal(5, log.Sum(line => line["tasks_created"]!.GetValue<int>()));
    }
}
