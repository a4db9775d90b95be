using System.Globalization;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Plugins.Tests.EndToEnd;

/// <summary>What the database and the audit directory must show after a cycle, per spec §5.9, §5.16 and §6.1.</summary>
internal static class CycleAssert
{
    public static readonly string[] AuditFiles =
        ["assembled-context.txt", "invocation.json", "last-message.txt", "result.json", "stderr.log", "stdout.log"];

    /// <summary>
    /// A completed task, its finished attempt (<c>adapter_kind</c> is the adapter's mode, spec §3.2;
    /// the driver is in invocation.json), its bundle on disk and the six audit files; returns the audit directory.
    /// </summary>
    public static string Completed(EndToEndRuntime runtime, CycleRun run, string taskId, string mode, string driver, string model, string expectedLastMessage)
    {
        Assert.True(run.Json["ok"]!.GetValue<bool>(), run.ToString());
        Assert.Equal(["ok", "status", "task_id", "attempt_id"], run.Json.Select(p => p.Key));
        Assert.Equal("completed", run.Status);
        Assert.Equal(taskId, run.Json["task_id"]!.GetValue<string>());

        var task = runtime.Task(taskId);
        Assert.Equal("completed", task["status"]);
        Assert.Equal(1L, task["attempt_count"]);
        Assert.Null(task["last_error"]);
        var outcome = JsonNode.Parse((string)task["outcome_json"]!)!;
        Assert.Equal(run.AttemptId, outcome["attempt_id"]!.GetValue<string>());

        var attempt = runtime.Attempts(taskId).Single();
        Assert.Equal(run.AttemptId, attempt["attempt_id"]);
        Assert.Equal(EndToEndRuntime.AdapterId, attempt["adapter_id"]);
        Assert.Equal(mode, attempt["adapter_kind"]);
        Assert.Equal(model, attempt["model"]);
        Assert.Equal("finished", attempt["status"]);
        Assert.Equal("ok", attempt["exit_status"]);
        Assert.Equal("none", attempt["retry_class"]);

        var bundle = TestDb.Query(runtime.DbPath, "SELECT * FROM bundles WHERE task_id = $t", ("$t", taskId)).Single();
        Assert.Equal(attempt["bundle_id"], bundle["bundle_id"]);
        Assert.Equal(outcome["bundle_hash"]!.GetValue<string>(), bundle["bundle_hash"]);
        var artifactDir = runtime.Runtime.ArtifactDir;
        Assert.True(File.Exists(Path.Combine(artifactDir, (string)bundle["relative_path"]!)));
        var prompt = File.ReadAllText(Path.Combine(artifactDir, (string)bundle["prompt_relative_path"]!));
        Assert.Contains(EndToEndRuntime.Goal, prompt, StringComparison.Ordinal);

        var audit = runtime.AuditDirectory(taskId, run.AttemptId);
        Assert.Equal(AuditFiles, Directory.GetFiles(audit).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(prompt, File.ReadAllText(Path.Combine(audit, "assembled-context.txt")));
        Assert.Equal(Path.Combine(audit, "assembled-context.txt"), attempt["prompt_path"]);
        Assert.Equal(Path.Combine(audit, "stdout.log"), attempt["stdout_path"]);
        Assert.Equal(expectedLastMessage, File.ReadAllText(Path.Combine(audit, "last-message.txt")).Trim());
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(audit, "result.json")))!;
        Assert.Equal("ok", result["exitStatus"]!.GetValue<string>());
        Assert.Equal("none", result["retryClass"]!.GetValue<string>());
        var invocation = runtime.Invocation(taskId, run.AttemptId);
        Assert.Equal([taskId, run.AttemptId, (string)bundle["bundle_id"]!, EndToEndRuntime.AdapterId, driver], new[]
        {
            invocation["task_id"]!.GetValue<string>(), invocation["attempt_id"]!.GetValue<string>(), invocation["bundle_id"]!.GetValue<string>(),
            invocation["adapter_id"]!.GetValue<string>(), invocation["driver"]!.GetValue<string>(),
        });
        Assert.Null(invocation["note"]);
        return audit;
    }

    /// <summary>
    /// Two cycles of an adapter failing retryably: the first reschedules after the fixed backoff, the
    /// second (attempts exhausted) blocks with the adapter's raw output as <c>last_error</c>.
    /// </summary>
    public static async Task<string> RetriesThenBlocksAsync(EndToEndRuntime runtime, string taskId, string expectedExitStatus = "error")
    {
        var first = await runtime.RunOnceAsync();
        Assert.True(first.Status == "retryable_failure", first.ToString());
        Assert.Equal(["ok", "status", "task_id", "attempt_id"], first.Json.Select(p => p.Key));
        Assert.False(first.Json["ok"]!.GetValue<bool>());
        var task = runtime.Task(taskId);
        Assert.Equal("retryable_failure", task["status"]);
        var firstError = (string)task["last_error"]!;
        Assert.False(string.IsNullOrWhiteSpace(firstError));
        var backoff = Parse(task["available_at"]) - Parse(task["updated_at"]);
        Assert.InRange(backoff.TotalSeconds, 0.9, 1.1);

        await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(1.2));
        var second = await runtime.RunOnceAsync();
        Assert.True(second.Status == "blocked", second.ToString());
        Assert.Equal(["ok", "status", "task_id", "attempt_id"], second.Json.Select(p => p.Key));
        task = runtime.Task(taskId);
        Assert.Equal("blocked", task["status"]);
        Assert.Equal(2L, task["attempt_count"]);
        var lastError = (string)task["last_error"]!;
        var outcome = JsonNode.Parse((string)task["outcome_json"]!)!;
        Assert.Equal("blocked", outcome["machine_status"]!.GetValue<string>());
        Assert.Equal(lastError, outcome["raw_output"]!.GetValue<string>());
        var attempts = runtime.Attempts(taskId);
        Assert.Equal([expectedExitStatus, expectedExitStatus], attempts.Select(a => (string)a["exit_status"]!));
        Assert.Equal(["retryable", "retryable"], attempts.Select(a => (string)a["retry_class"]!));
        Assert.Contains("task_retry_scheduled", TestDb.EventTypes(runtime.DbPath, taskId));
        return lastError;
    }

    /// <summary>Spec §5.9 step 3: a blocked outcome with a hint reschedules at now + hint, refunding the attempt.</summary>
    public static void RateLimitRescheduled(EndToEndRuntime runtime, CycleRun run, string taskId, int seconds, string summary)
    {
        Assert.True(run.Status == "rate_limit_rescheduled", run.ToString());
        Assert.Equal(["ok", "status", "task_id", "attempt_id", "retry_after_seconds", "available_at"], run.Json.Select(p => p.Key));
        Assert.False(run.Json["ok"]!.GetValue<bool>());
        Assert.Equal(taskId, run.Json["task_id"]!.GetValue<string>());
        Assert.Equal(seconds, run.Json["retry_after_seconds"]!.GetValue<int>());
        var availableAt = run.Json["available_at"]!.GetValue<string>();
        Assert.InRange(Parse(availableAt), run.StartedAt.AddSeconds(seconds - 1), run.FinishedAt.AddSeconds(seconds + 1));

        var task = runtime.Task(taskId);
        Assert.Equal("retryable_failure", task["status"]);
        Assert.Equal(availableAt, task["available_at"]);
        Assert.Equal(0L, task["attempt_count"]);
        Assert.Equal(summary, task["last_error"]);

        var attempt = runtime.Attempts(taskId).Single();
        Assert.Equal(run.AttemptId, attempt["attempt_id"]);
        Assert.Equal("error", attempt["exit_status"]);
        Assert.Equal("retryable", attempt["retry_class"]);
        var diagnostics = JsonNode.Parse((string)attempt["diagnostics_json"]!)!;
        Assert.Equal("rate_limit_retry", diagnostics["reason"]!.GetValue<string>());
        Assert.Equal("generic", diagnostics["retry_hint_source"]!.GetValue<string>());
        Assert.Equal(seconds, diagnostics["retry_after_seconds"]!.GetValue<int>());

        var evt = TestDb.Query(runtime.DbPath, "SELECT attempt_id, detail_json FROM run_events WHERE task_id = $t AND event_type = 'rate_limit_rescheduled'", ("$t", taskId)).Single();
        Assert.Equal(run.AttemptId, evt["attempt_id"]);
        var detail = JsonNode.Parse((string)evt["detail_json"]!)!;
        Assert.Equal(seconds, detail["retry_after_seconds"]!.GetValue<int>());
        Assert.Equal(availableAt, detail["available_at"]!.GetValue<string>());
    }

    /// <summary>
    /// How long after its timeout a timed-out run-once may end: process start, the stop grace and the
    /// tree kill. Generous because the suite runs many processes on two cores; it still tells a stop at
    /// the attempt's timeout from one at the host's 10-minute default deadline.
    /// </summary>
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(25);

    /// <summary>A timed-out attempt: <c>timeout</c>, noted in invocation.json, no result.json, the task rescheduled.</summary>
    public static void TimedOut(EndToEndRuntime runtime, CycleRun run, string taskId, int timeoutMs)
    {
        Assert.True(run.Status == "retryable_failure", run.ToString());
        Assert.InRange(run.Elapsed, TimeSpan.FromMilliseconds(timeoutMs), TimeSpan.FromMilliseconds(timeoutMs) + StopMargin);
        var attempt = runtime.Attempts(taskId).Single();
        Assert.Equal("timeout", attempt["exit_status"]);
        Assert.Equal("retryable", attempt["retry_class"]);
        Assert.Equal("timeout", runtime.Invocation(taskId, run.AttemptId)["note"]!.GetValue<string>());
        Assert.False(File.Exists(runtime.AuditFile(taskId, run.AttemptId, "result.json")));
        Assert.Equal("retryable_failure", runtime.Task(taskId)["status"]);
    }

    public static string CanonicalBlocked(string summary) =>
        new JsonObject
        {
            ["status"] = "blocked", ["operator_summary"] = summary, ["machine_status"] = "blocked",
            ["file_changes"] = new JsonArray(), ["artifact_paths"] = new JsonArray(),
        }.ToJsonString();

    private static DateTimeOffset Parse(object? iso) =>
        DateTimeOffset.Parse((string)iso!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
