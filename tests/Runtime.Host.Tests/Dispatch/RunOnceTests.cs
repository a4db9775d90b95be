using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>The dispatch cycle, black-box through the CLI as a separate process, with real scripts.</summary>
public sealed class RunOnceTests
{
    private const string Completed = """{"status":"completed","operator_summary":"all good","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}""";

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_ScriptTask_RecordsAttemptBundleLinkedEventsAndSixAuditFiles()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", $"echo '{Completed}'");
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"heartbeat","source":"test","payload":{"check":"heartbeat"}}""");

        var result = await runtime.RunAsync("run-once");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.Equal(["ok", "status", "task_id", "attempt_id"], json.Select(p => p.Key));
        Assert.True(json["ok"]!.GetValue<bool>());
        Assert.Equal("completed", json["status"]!.GetValue<string>());
        var attemptId = json["attempt_id"]!.GetValue<string>();

        var task = runtime.Task(taskId);
        Assert.Equal("completed", task["status"]);
        Assert.Equal(1L, task["attempt_count"]);
        var outcome = JsonNode.Parse((string)task["outcome_json"]!)!.AsObject();
        Assert.Equal("all good", outcome["operator_summary"]!.GetValue<string>());
        Assert.Equal(attemptId, outcome["attempt_id"]!.GetValue<string>());

        var attempt = runtime.Attempts(taskId).Single();
        Assert.Equal("script-ok", attempt["adapter_id"]);
        Assert.Equal("script", attempt["adapter_kind"]);
        Assert.Equal("finished", attempt["status"]);
        Assert.Equal("ok", attempt["exit_status"]);
        Assert.Equal("none", attempt["retry_class"]);

        var bundle = TestDb.Query(runtime.DbPath, "SELECT * FROM bundles WHERE task_id = $t", ("$t", taskId)).Single();
        Assert.Equal(attempt["bundle_id"], bundle["bundle_id"]);
        Assert.Equal(outcome["bundle_hash"]!.GetValue<string>(), bundle["bundle_hash"]);
        Assert.Equal("inputs_frozen", bundle["replay_grade"]);
        Assert.True(File.Exists(Path.Combine(runtime.ArtifactDir, (string)bundle["relative_path"]!)));
        Assert.True(File.Exists(Path.Combine(runtime.ArtifactDir, (string)bundle["prompt_relative_path"]!)));

        // The four events of a cycle, each linked to the task and the attempt.
        var events = TestDb.Query(runtime.DbPath, "SELECT event_type, attempt_id FROM run_events WHERE task_id = $t ORDER BY id", ("$t", taskId));
        Assert.Equal(["task_enqueued", "task_claimed", "bundle_compiled", "task_attempt_finished", "task_finished"], events.Select(e => (string)e["event_type"]!));
        Assert.All(events.Skip(1), e => Assert.Equal(attemptId, e["attempt_id"]));

        var auditDir = Path.Combine(runtime.ArtifactDir, "adapter-runs", taskId, attemptId);
        Assert.Equal(
            ["assembled-context.txt", "invocation.json", "last-message.txt", "result.json", "stderr.log", "stdout.log"],
            Directory.GetFiles(auditDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Completed + "\n", File.ReadAllText(Path.Combine(auditDir, "stdout.log")));
        Assert.Equal(Path.Combine(auditDir, "assembled-context.txt"), attempt["prompt_path"]);
        Assert.Equal(File.ReadAllText(Path.Combine(runtime.ArtifactDir, (string)bundle["prompt_relative_path"]!)), File.ReadAllText(Path.Combine(auditDir, "assembled-context.txt")));

        var log = File.ReadAllLines(Path.Combine(runtime.StateDir, "logs", "runtime.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(["bundle_compiled", "adapter_result"], log.Select(l => l["event"]!.GetValue<string>()));
        Assert.Equal(["ts", "event", "task_id", "attempt_id", "exit_status", "retry_class", "diagnostics"], log[1].Select(p => p.Key));
    }

    [Fact(Timeout = 300_000)]
    public async Task RunOnce_TwoConcurrentDispatchers_ClaimInPriorityOrderAndNeverTwice()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", $"echo '{Completed}'");
        runtime.Save();
        var ids = new List<string>();
        foreach (var priority in new[] { 1, 9, 5, 7, 3, 5 })
        {
            ids.Add(await runtime.IntakeAsync($$$"""{"kind":"k","source":"s","priority":{{{priority}}},"payload":{}}"""));
        }

        // Each dispatcher runs cycles until it sees the queue idle; a cycle that finds the other
        // holding the lock ("dispatch_locked") just tries again, as the systemd timer would.
        async Task DrainAsync()
        {
            for (var i = 0; i < 80; i++)
            {
                var result = await runtime.RunAsync("run-once");
                if (result.Json["status"]?.GetValue<string>() == "idle")
                {
                    return;
                }

                if (result.Json["reason"]?.GetValue<string>() == "dispatch_locked")
                {
                    await Task.Delay(50);
                }
            }
        }

        await Task.WhenAll(DrainAsync(), DrainAsync());

        Assert.All(ids, id => Assert.Equal("completed", runtime.Task(id)["status"]));
        Assert.All(ids, id => Assert.Single(runtime.Attempts(id)));
        var claimOrder = TestDb.Query(runtime.DbPath, "SELECT t.priority, t.created_at FROM run_events e JOIN tasks t ON t.task_id = e.task_id WHERE e.event_type = 'task_claimed' ORDER BY e.id");
        Assert.Equal([9L, 7L, 5L, 5L, 3L, 1L], claimOrder.Select(r => (long)r["priority"]!));
        Assert.Equal(ids[2], (string)TestDb.Scalar(runtime.DbPath, "SELECT e.task_id FROM run_events e JOIN tasks t USING (task_id) WHERE e.event_type='task_claimed' AND t.priority = 5 ORDER BY e.id LIMIT 1")!);
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_RetryableFailure_BacksOffThenBlocksWhenAttemptsRunOut()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo 'upstream returned 503' >&2; exit 3");
        runtime.Config["retryBackoffSeconds"] = 2;
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var first = await runtime.RunAsync("run-once");
        Assert.Equal("retryable_failure", first.Json["status"]!.GetValue<string>());
        var task = runtime.Task(taskId);
        Assert.Equal("retryable_failure", task["status"]);
        Assert.Equal("upstream returned 503\n", task["last_error"]);
        var availableAt = DateTimeOffset.Parse((string)task["available_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        var updatedAt = DateTimeOffset.Parse((string)task["updated_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((availableAt - updatedAt).TotalSeconds, 1.9, 2.1);

        var tooSoon = await runtime.RunAsync("run-once");
        Assert.Equal("idle", tooSoon.Json["status"]!.GetValue<string>());

        runtime.Clock!.Advance(TimeSpan.FromSeconds(2.2));
        var second = await runtime.RunAsync("run-once");
        Assert.Equal(["ok", "status", "task_id", "attempt_id"], second.Json.Select(p => p.Key));
        Assert.Equal("blocked", second.Json["status"]!.GetValue<string>());
        task = runtime.Task(taskId);
        Assert.Equal("blocked", task["status"]);
        Assert.Equal(2L, task["attempt_count"]);
        var outcome = JsonNode.Parse((string)task["outcome_json"]!)!;
        Assert.Equal("blocked", outcome["machine_status"]!.GetValue<string>());
        Assert.Equal(["error", "error"], runtime.Attempts(taskId).Select(a => (string)a["exit_status"]!));
        Assert.Equal(["retryable", "retryable"], runtime.Attempts(taskId).Select(a => (string)a["retry_class"]!));
        Assert.Contains("task_retry_scheduled", TestDb.EventTypes(runtime.DbPath, taskId));
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_ScriptWhoseGrandchildHoldsThePipes_TimesOutPromptlyAndLeavesNoSurvivor()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");
        runtime.AddScriptAdapter("script-ok", $"sleep 300 &\necho $! >> {pids}\necho $$ >> {pids}\necho started\nsleep 300", timeoutMs: 1500);
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var clock = Stopwatch.StartNew();
        var result = await runtime.RunAsync("run-once");
        clock.Stop();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("retryable_failure", result.Json["status"]!.GetValue<string>());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5 + 10), $"run-once took {clock.Elapsed}");
        var attempt = runtime.Attempts(taskId).Single();
        Assert.Equal("timeout", attempt["exit_status"]);
        var invocation = JsonNode.Parse(File.ReadAllText(Path.Combine(runtime.ArtifactDir, "adapter-runs", taskId, (string)attempt["attempt_id"]!, "invocation.json")))!;
        Assert.Equal("timeout", invocation["note"]!.GetValue<string>());
        await Task.Delay(500);
        foreach (var pid in File.ReadAllLines(pids).Where(l => l.Length > 0).Select(int.Parse))
        {
            Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), $"process {pid} survived the timeout");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_MissingExecutable_IsPermanentFailure()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Adapters["script-ok"] = new JsonObject { ["mode"] = "script", ["command"] = "./no-such-script.sh", ["timeoutMs"] = 5000 };
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var result = await runtime.RunAsync("run-once");

        Assert.Equal("permanent_failure", result.Json["status"]!.GetValue<string>());
        Assert.False(result.Json["ok"]!.GetValue<bool>());
        var task = runtime.Task(taskId);
        Assert.Equal("permanent_failure", task["status"]);
        Assert.Equal("failed", JsonNode.Parse((string)task["outcome_json"]!)!["machine_status"]!.GetValue<string>());
        Assert.Equal("permanent", runtime.Attempts(taskId).Single()["retry_class"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_UnknownAdapter_IsPermanentFailureWithReferenceSummary()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", $"echo '{Completed}'");
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{},"requested_adapter":"nope"}""");

        var result = await runtime.RunAsync("run-once");

        Assert.Equal("""{"ok":false,"status":"permanent_failure","task_id":"ID"}""".Replace("ID", taskId, StringComparison.Ordinal), result.Json.ToJsonString());
        var task = runtime.Task(taskId);
        Assert.Equal("Unknown adapter: nope", task["last_error"]);
        var attempt = runtime.Attempts(taskId).Single();
        Assert.Equal("""{"reason":"adapter_not_found","adapter_id":"nope"}""", attempt["diagnostics_json"]);
    }
}
