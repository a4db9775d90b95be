using System.Globalization;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>The attempt pipeline runs several claimed attempts at once in one process, each with its own evidence.</summary>
public sealed class AttemptsSideBySideTests
{
    private const int Attempts = 4;

    [Fact(Timeout = 180_000)]
    public async Task AttemptPipeline_FourClaimedAttemptsAtOnce_EachCompletesWithItsOwnEvidenceAndTheyOverlap()
    {
        using var runtime = new TestRuntime();
        // Each run records when it started and ended (nanoseconds), sleeps long enough for the others
        // to start, and completes with a summary naming its attempt.
        runtime.AddScriptAdapter("script-ok", """
            log="$AGENT_RUNTIME_STATE_DIR/runs/$AGENT_RUNTIME_ATTEMPT_ID"
            mkdir -p "$AGENT_RUNTIME_STATE_DIR/runs"
            echo "start $(date +%s%N)" > "$log"
            sleep 2
            echo "end $(date +%s%N)" >> "$log"
            echo "{\"status\":\"completed\",\"operator_summary\":\"ran $AGENT_RUNTIME_ATTEMPT_ID\",\"machine_status\":\"ok\"}"
            """, timeoutMs: 60_000);
        runtime.Config["plugins"] = new JsonObject { ["directory"] = Path.Combine(Repo.HostDirectory, "plugins") };
        runtime.Save();
        for (var i = 0; i < Attempts; i++)
        {
            await runtime.IntakeAsync($$"""{"kind":"k","source":"side-by-side-{{i}}","payload":{"n":{{i}} } }""");
        }

        await using var core = RuntimeCore.Open(runtime.ConfigPath, CoreOptions.Default);
        var services = core.Dispatch();
        var claims = new List<AgentRuntime.Host.Storage.ClaimedTask>();
        for (var i = 0; i < Attempts; i++)
        {
            claims.Add((await services.Queue.ClaimAsync(CancellationToken.None))!);
        }

        var pipeline = new AttemptPipeline(services);
        var results = await Task.WhenAll(claims.Select(claim => Task.Run(() => pipeline.RunAsync(claim, CancellationToken.None))));

        var spans = new List<(long Start, long End)>();
        for (var i = 0; i < Attempts; i++)
        {
            var (taskId, attemptId) = (claims[i].Task.TaskId, claims[i].Attempt.AttemptId);
            Assert.Equal(
                $$"""{"ok":true,"status":"completed","task_id":"{{taskId}}","attempt_id":"{{attemptId}}"}""",
                results[i].ToJsonString());

            var task = runtime.Task(taskId);
            Assert.Equal("completed", task["status"]);
            var outcome = JsonNode.Parse((string)task["outcome_json"]!)!;
            Assert.Equal($"ran {attemptId}", outcome["operator_summary"]!.GetValue<string>());
            Assert.Equal(attemptId, outcome["attempt_id"]!.GetValue<string>());

            var attempt = runtime.Attempts(taskId).Single();
            Assert.Equal((attemptId, "finished", "ok", "none", "script-ok"), (attempt["attempt_id"], attempt["status"], attempt["exit_status"], attempt["retry_class"], attempt["adapter_id"]));
            var bundle = TestDb.Query(runtime.DbPath, "SELECT bundle_id, relative_path FROM bundles WHERE attempt_id = $a", ("$a", attemptId)).Single();
            Assert.Equal(bundle["bundle_id"], attempt["bundle_id"]);
            Assert.Equal(bundle["bundle_id"], outcome["bundle_id"]!.GetValue<string>());
            Assert.True(File.Exists(Path.Combine(runtime.ArtifactDir, (string)bundle["relative_path"]!)));

            var audit = Path.Combine(runtime.ArtifactDir, "adapter-runs", taskId, attemptId);
            Assert.Equal(Path.Combine(audit, "stdout.log"), attempt["stdout_path"]);
            Assert.Contains($"ran {attemptId}", File.ReadAllText(Path.Combine(audit, "stdout.log")), StringComparison.Ordinal);
            Assert.Contains(attemptId, File.ReadAllText(Path.Combine(audit, "invocation.json")), StringComparison.Ordinal);

            var log = File.ReadAllLines(Path.Combine(runtime.StateDir, "runs", attemptId));
            spans.Add((Nanos(log[0], "start"), Nanos(log[1], "end")));
        }

        // Side by side: every run started before any run ended.
        Assert.True(spans.Max(s => s.Start) < spans.Min(s => s.End), string.Join(", ", spans));
        Assert.Equal(Attempts, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'task_finished'") is long n ? (int)n : -1);
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'stale_attempt_write_ignored'"));
    }

    private static long Nanos(string line, string label)
    {
        Assert.StartsWith(label + " ", line, StringComparison.Ordinal);
        return long.Parse(line[(label.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
