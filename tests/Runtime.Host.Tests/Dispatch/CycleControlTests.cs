using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>Lock, pause and boot sweep around the cycle, through the CLI (in process, except where another live process holds the lock).</summary>
public sealed class CycleControlTests
{
    private static TestRuntime EchoRuntime()
    {
        var runtime = new TestRuntime();
        runtime.Config["defaultAdapter"] = "echo";
        runtime.Adapters["echo"] = new JsonObject { ["mode"] = "echo" };
        return runtime;
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_StaleLockOfDeadProcess_IsClearedAndRecorded()
    {
        using var runtime = EchoRuntime();
        runtime.UseEchoPlugin();
        runtime.Save();
        using (var gone = ChildProcess.Start("true"))
        {
            await gone.WaitForExitAsync();
            runtime.Directory.Write("state/dispatch.lock", $"{{\"pid\":{gone.Id},\"runner_id\":\"old-runner\",\"created_at\":\"2026-01-01T00:00:00.000Z\"}}");
        }

        var result = await runtime.RunAsync("run-once");

        Assert.Equal("idle", result.Json["status"]!.GetValue<string>());
        var cleared = TestDb.Query(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'dispatch_lock_stale_cleared'").Single();
        var detail = JsonNode.Parse((string)cleared["detail_json"]!)!.AsObject();
        Assert.Equal(["runner_id", "reason", "previous_pid", "previous_runner_id"], detail.Select(p => p.Key));
        Assert.Equal("pid_not_live", detail["reason"]!.GetValue<string>());
        Assert.Equal("old-runner", detail["previous_runner_id"]!.GetValue<string>());
        Assert.False(File.Exists(runtime.Directory.Combine("state", "dispatch.lock")));
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_LockHeldByLiveProcess_ReturnsDispatchLockedAndClaimsNothing()
    {
        using var runtime = EchoRuntime();
        runtime.UseEchoPlugin();
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        using var holder = ChildProcess.Start("sleep", "60");
        try
        {
            runtime.Directory.Write("state/dispatch.lock", $"{{\"pid\":{holder.Id},\"runner_id\":\"live\",\"created_at\":\"2026-01-01T00:00:00.000Z\"}}");
            var result = await runtime.RunAsync("run-once");
            Assert.Equal("""{"ok":false,"reason":"dispatch_locked"}""", result.Json.ToJsonString());
            Assert.Equal("pending", runtime.Task(taskId)["status"]);
            Assert.True(File.Exists(runtime.Directory.Combine("state", "dispatch.lock")));
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_Paused_RecordsEventAndLeavesQueueAlone()
    {
        using var runtime = EchoRuntime().InProcess();
        runtime.UseEchoPlugin();
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        runtime.Directory.Write("state/dispatch.paused.json", """{ "paused": true, "reason": "maintenance", "updated_at": "2026-01-01T00:00:00.000Z" }""");

        var result = await runtime.RunAsync("run-once");

        Assert.Equal("""{"ok":true,"status":"paused","paused":true,"reason":"maintenance"}""", result.Json.ToJsonString());
        Assert.Equal("pending", runtime.Task(taskId)["status"]);
        Assert.Equal("dispatch_paused", TestDb.EventTypes(runtime.DbPath)[^1]);
        Assert.False(File.Exists(runtime.Directory.Combine("state", "dispatch.lock")));
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_AfterCrashMidAttempt_BootSweepReclaimsAndRunsTheTask()
    {
        using var runtime = EchoRuntime().InProcess();
        runtime.UseEchoPlugin();
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        // A dispatcher died mid-attempt: the task and its attempt are still marked running.
        TestDb.Execute(runtime.DbPath, "UPDATE tasks SET status = 'running', attempt_count = 1 WHERE task_id = $t", ("$t", taskId));
        TestDb.Execute(runtime.DbPath, """
            INSERT INTO task_attempts (attempt_id, task_id, adapter_id, adapter_kind, runner_id, status, started_at)
            VALUES ('dead-attempt', $t, 'echo', 'echo', 'dead:1:x', 'running', '2026-01-01T00:00:00.000Z')
            """, ("$t", taskId));

        var result = await runtime.RunAsync("run-once");

        Assert.Equal("completed", result.Json["status"]!.GetValue<string>());
        var sweep = TestDb.Query(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'boot_sweep_reclaimed'").Single();
        Assert.Contains("\"tasks_reclaimed\":1", (string)sweep["detail_json"]!, StringComparison.Ordinal);
        var dead = runtime.Attempts(taskId).First();
        Assert.Equal("dead-attempt", dead["attempt_id"]);
        Assert.Equal("finished", dead["status"]);
        Assert.Equal("""{"reason":"boot_sweep"}""", dead["diagnostics_json"]);
        Assert.Equal(2L, runtime.Task(taskId)["attempt_count"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_BrokenScheduleRow_IsRecordedAndDoesNotStarveTheOthers()
    {
        using var runtime = EchoRuntime().InProcess();
        runtime.UseEchoPlugin();
        runtime.Save();
        Assert.Equal(0, (await runtime.RunAsync("status")).ExitCode); // creates the database
        InsertBrokenSchedule(runtime);
        var good = await runtime.RunAsync("schedule-create", "--json", """{"name":"good","interval_seconds":300,"next_run_at":"2021-01-01T00:00:00.000Z","task":{"kind":"heartbeat","source":"schedule:good","payload":{}}}""");
        Assert.True(good.ExitCode == 0, good.ToString());

        var result = await runtime.RunAsync("run-once");

        Assert.Equal("completed", result.Json["status"]!.GetValue<string>());
        Assert.Equal("heartbeat", TestDb.Scalar(runtime.DbPath, "SELECT kind FROM tasks WHERE source LIKE 'schedule:good:%'"));
        var failed = TestDb.Query(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'schedule_evaluation_failed'").Single();
        var detail = JsonNode.Parse((string)failed["detail_json"]!)!.AsObject();
        Assert.Equal("broken", detail["schedule_id"]!.GetValue<string>());
        Assert.StartsWith("ArgumentOutOfRangeException", detail["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_BrokenScheduleRowEveryCycle_RecordedOnceListedByHealthcheckUntilItRecovers()
    {
        using var runtime = EchoRuntime().InProcess();
        runtime.UseEchoPlugin();
        runtime.Save();
        Assert.Equal(0, (await runtime.RunAsync("status")).ExitCode); // creates the database
        InsertBrokenSchedule(runtime);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, (await runtime.RunAsync("run-once")).ExitCode);
        }

        var failing = await runtime.RunAsync("healthcheck");
        TestDb.Execute(runtime.DbPath, "UPDATE schedules SET interval_seconds = 300 WHERE schedule_id = 'broken'");
        Assert.Equal(0, (await runtime.RunAsync("run-once")).ExitCode);
        Assert.Equal(0, (await runtime.RunAsync("run-once")).ExitCode);
        var recovered = await runtime.RunAsync("healthcheck");

        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'schedule_evaluation_failed'"));
        Assert.Equal(1, failing.ExitCode);
        var issue = Assert.Single(failing.Json["dataIssues"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("schedule broken: evaluation fails (ArgumentOutOfRangeException", issue, StringComparison.Ordinal);
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'schedule_evaluation_recovered'"));
        Assert.True(!recovered.Json.ContainsKey("dataIssues"), recovered.ToString());
    }

    [Fact(Timeout = 120_000)]
    public async Task PauseAndResume_FromTheCli_StopAndRestartClaiming()
    {
        using var runtime = EchoRuntime().InProcess();
        runtime.UseEchoPlugin();
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var pause = await runtime.RunAsync("pause", "--reason", "  deploying ");
        Assert.True(pause.ExitCode == 0, pause.ToString());
        Assert.Equal(["ok", "paused", "reason", "updated_at"], pause.Json.Select(p => p.Key));
        Assert.Equal("deploying", pause.Json["reason"]!.GetValue<string>());
        var paused = await runtime.RunAsync("run-once");
        Assert.Equal("""{"ok":true,"status":"paused","paused":true,"reason":"deploying"}""", paused.Json.ToJsonString());

        var resume = await runtime.RunAsync("resume");
        Assert.False(resume.Json["paused"]!.GetValue<bool>());
        var run = await runtime.RunAsync("run-once");

        Assert.Equal("completed", run.Json["status"]!.GetValue<string>());
        Assert.Equal("completed", runtime.Task(taskId)["status"]);
        var events = TestDb.Query(runtime.DbPath, "SELECT event_type, detail_json FROM run_events WHERE event_type IN ('dispatch_pause_enabled', 'dispatch_pause_cleared') ORDER BY id");
        Assert.Equal(["dispatch_pause_enabled", "dispatch_pause_cleared"], events.Select(e => (string)e["event_type"]!));
        Assert.Equal("""{"reason":"deploying"}""", events[0]["detail_json"]);
        Assert.Equal("""{"reason":null}""", events[1]["detail_json"]);
    }

    /// <summary>A schedule due first (older next_run_at) whose interval cannot be added to a date.</summary>
    private static void InsertBrokenSchedule(TestRuntime runtime) => TestDb.Execute(runtime.DbPath, """
        INSERT INTO schedules (schedule_id, name, enabled, interval_seconds, next_run_at, last_run_at, task_json, created_at, updated_at)
        VALUES ('broken', 'broken', 1, 9000000000000000000, '2020-01-01T00:00:00.000Z', NULL, '{"kind":"heartbeat","source":"s","payload":{}}', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')
        """);
}
