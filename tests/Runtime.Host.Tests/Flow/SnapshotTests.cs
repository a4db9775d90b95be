using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary><c>snapshot</c> files and <c>report</c> comparisons (spec §7.8).</summary>
public sealed class SnapshotTests
{
    [Fact(Timeout = 180_000)]
    public async Task Snapshot_LabelAndArtifacts_FileNamedSanitizedPrettyWithoutTrailingNewlineArtifactsSorted()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        runtime.Directory.Write("state/artifacts/reports/b.md", "b");
        runtime.Directory.Write("state/artifacts/reports/B.md", "B");
        runtime.Directory.Write("state/artifacts/a/z.md", "z");
        runtime.Directory.Write("state/artifacts/snapshots/old.json", "{}");
        runtime.Directory.Write("state/artifacts/x/snapshots/kept.md", "k");
        await runtime.IntakeAsync("""{"kind":"k","source":"s","subject":"Sub","priority":3,"payload":{}}""");
        await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g");

        var result = await runtime.RunAsync("snapshot", "--label", "before run/ü");

        Assert.True(result.ExitCode == 0, result.ToString());
        var path = result.Json["snapshotPath"]!.GetValue<string>();
        Assert.Matches(@"/state/artifacts/snapshots/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-before-run--\.json$", path);
        var text = File.ReadAllText(path);
        Assert.False(text.EndsWith('\n'));
        Assert.StartsWith("{\n  \"captured_at\": ", text, StringComparison.Ordinal);
        var snapshot = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(snapshot.ToJsonString(), result.Json["snapshot"]!.ToJsonString());
        Assert.Equal(
            ["captured_at", "runtime_name", "status", "workflows", "active_workflows", "queued_tasks", "recent_completed", "artifact_files"],
            snapshot.Select(p => p.Key));
        Assert.Equal("test-agent", snapshot["runtime_name"]!.GetValue<string>());
        Assert.Equal(["a/z.md", "reports/B.md", "reports/b.md", "x/snapshots/kept.md"], snapshot["artifact_files"]!.AsArray().Select(n => n!.GetValue<string>()));
        var queued = snapshot["queued_tasks"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["task_id", "kind", "source", "subject", "status", "priority", "created_at"], queued.Select(p => p.Key));
        Assert.Equal("context", snapshot["workflows"]![0]!.AsObject().Last().Key);
        Assert.Single(snapshot["active_workflows"]!.AsArray());
    }

    [Fact(Timeout = 180_000)]
    public async Task Report_BeforeAndAfterACompletedTaskAndWorkflowChanges_ReportsTheDeltas()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", """echo '{"status":"completed","operator_summary":"wrote it","machine_status":"ok"}'""");
        runtime.Save();
        await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g", "--state", "verify");
        await runtime.RunAsync("workflow-create", "--template", "wallet-onboarding", "--instance_key", "w");
        var before = (await runtime.RunAsync("snapshot", "--label", "before")).Json["snapshotPath"]!.GetValue<string>();
        await runtime.IntakeAsync("""{"kind":"note","source":"s","payload":{"output_path":"reports/note.md"}}""");
        await runtime.RunAsync("workflow-transition", "--id", "1", "--state", "complete");
        await runtime.RunAsync("workflow-transition", "--id", "2", "--state", "draft-wallet-checklist");
        Assert.Equal("completed", (await runtime.RunAsync("run-once")).Json["status"]!.GetValue<string>());
        await runtime.RunAsync("workflow-create", "--template", "community-research", "--instance_key", "c");
        var after = (await runtime.RunAsync("snapshot", "--label", "after")).Json["snapshotPath"]!.GetValue<string>();

        var missing = await runtime.RunAsync("report", "--before", before);
        var report = await runtime.RunAsync("report", "--before", before, "--after", after);

        Assert.Contains("Provide --before path/to/snapshot.json and --after path/to/snapshot.json", missing.Stderr, StringComparison.Ordinal);
        Assert.True(report.ExitCode == 0, report.ToString());
        var json = report.Json;
        Assert.Equal(
            ["runtime_name", "before_captured_at", "after_captured_at", "completed_task_delta", "queued_task_delta", "new_artifacts_created", "workflow_counts", "workflow_state_changes", "blocked_or_retryable_tasks", "ended_idle", "ended_idle_from_event"],
            json.Select(p => p.Key));
        Assert.Equal("""{"before":0,"after":1,"delta":1}""", json["completed_task_delta"]!.ToJsonString());
        Assert.Equal("""{"before":2,"after":3,"delta":1}""", json["workflow_counts"]!.ToJsonString());
        Assert.Contains("reports/note.md", json["new_artifacts_created"]!.AsArray().Select(n => n!.GetValue<string>()));
        var changes = json["workflow_state_changes"]!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.Equal(["completed", "advanced", "new"], changes.Select(c => c["change"]!.GetValue<string>()));
        Assert.Equal(["instance_key", "change", "template", "from_state", "to_state", "completed_at"], changes[0].Select(p => p.Key));
        Assert.Equal("complete", changes[0]["to_state"]!.GetValue<string>());
        Assert.NotNull(changes[0]["completed_at"]);
        Assert.Equal("""{"instance_key":"c","change":"new","template":"community-research","state":"discover-aibtc-basics"}""", changes[2].ToJsonString());
        Assert.False(json["ended_idle"]!.GetValue<bool>());
    }
}
