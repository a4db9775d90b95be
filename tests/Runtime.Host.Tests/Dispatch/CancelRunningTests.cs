using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>
/// A running task canceled by an operator (reference defect B27): the real run-once process notices
/// the request, stops the adapter's whole process tree and ends the task <c>operator_canceled</c>.
/// </summary>
public sealed class CancelRunningTests
{
    [Fact(Timeout = 120_000)]
    public async Task Cancel_RunningTaskWithGrandchild_StopsTheTreeFinishesTheAttemptAndEndsTheTask()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");
        runtime.AddScriptAdapter(
            "script-ok",
            $"echo $$ >> {pids}\n( sleep 300 & echo $! >> {pids}; wait ) &\necho $! >> {pids}\necho started\nwait",
            timeoutMs: 120_000);
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        using var dispatcher = CancelHarness.StartRunOnce(runtime);
        Assert.True(
            await ProcessTree.WaitUntilAsync(() => File.Exists(pids) && File.ReadAllLines(pids).Length >= 3, TimeSpan.FromSeconds(60)),
            "the script never started its tree");
        Assert.Equal("running", runtime.Task(taskId)["status"]);
        var launched = File.ReadAllLines(pids).Where(l => l.Length > 0).Select(int.Parse).ToDictionary(pid => pid, ProcessTree.StartTime);
        Assert.All(launched.Values, Assert.NotNull);

        var cancel = await CancelHarness.CancelAsync(runtime, "--task", taskId, "--reason", "  wrong branch  ");

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Equal($$"""{"ok":true,"task_id":"{{taskId}}","status":"operator_canceled"}""", cancel.Json.ToJsonString());
        var run = await dispatcher.WaitAsync();
        var attempt = runtime.Attempts(taskId).Single();
        var attemptId = (string)attempt["attempt_id"]!;
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($$"""{"ok":false,"status":"operator_canceled","task_id":"{{taskId}}","attempt_id":"{{attemptId}}"}""", run.Json.ToJsonString());

        var task = runtime.Task(taskId);
        Assert.Equal("operator_canceled", task["status"]);
        Assert.Equal(
            $$"""{"status":"operator_canceled","operator_summary":"Operator canceled: wrong branch","machine_status":"canceled","attempt_id":"{{attemptId}}"}""",
            task["outcome_json"]);
        Assert.Equal(("finished", "canceled", "none"), ((string)attempt["status"]!, (string)attempt["exit_status"]!, (string)attempt["retry_class"]!));
        var canceledEvent = TestDb.Query(runtime.DbPath, "SELECT attempt_id, detail_json FROM run_events WHERE event_type = 'task_operator_canceled' AND task_id = $id", ("$id", taskId)).Single();
        Assert.Equal($$"""{"reason":"wrong branch","previous_status":"running","attempt_id":"{{attemptId}}"}""", canceledEvent["detail_json"]);
        Assert.Equal(attemptId, canceledEvent["attempt_id"]);
        Assert.Equal("started\n", File.ReadAllText((string)attempt["stdout_path"]!));
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM task_attempts WHERE status = 'running'"));
        Assert.False(File.Exists(runtime.Directory.Combine("state", "dispatch.lock")));
        foreach (var (pid, startTime) in launched)
        {
            Assert.True(await ProcessTree.GoneAsync(pid, startTime!), $"process {pid} survived");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Cancel_TreeIgnoringSigterm_IsKilledBeforeRunOnceExits()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");
        runtime.AddScriptAdapter(
            "script-ok",
            $"trap '' TERM\necho $$ >> {pids}\nsleep 300 &\necho $! >> {pids}\nwait",
            timeoutMs: 120_000);
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        using var dispatcher = CancelHarness.StartRunOnce(runtime);
        Assert.True(
            await ProcessTree.WaitUntilAsync(() => File.Exists(pids) && File.ReadAllLines(pids).Length >= 2, TimeSpan.FromSeconds(60)),
            "the script never started its tree");
        var launched = File.ReadAllLines(pids).Where(l => l.Length > 0).Select(int.Parse).ToDictionary(pid => pid, ProcessTree.StartTime);

        var cancel = await CancelHarness.CancelAsync(runtime, "--task", taskId);
        var run = await dispatcher.WaitAsync();

        // SIGKILL comes only after the plugin's grace: run-once must still be there to send it.
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Equal("operator_canceled", cancel.Json["status"]!.GetValue<string>());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("operator_canceled", runtime.Task(taskId)["status"]);
        foreach (var (pid, startTime) in launched)
        {
            Assert.NotNull(startTime);
            Assert.True(await ProcessTree.GoneAsync(pid, startTime), $"process {pid} survived");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_AdapterPrintingLines_AppendsLiveOutputWhileRunningAndKeepsTheFinalAuditFile()
    {
        using var runtime = new TestRuntime();
        const int Lines = 50;
        runtime.AddScriptAdapter(
            "script-ok",
            $"i=0\nwhile [ $i -lt {Lines} ]; do echo \"line $i\"; echo \"err $i\" >&2; i=$((i+1)); sleep 0.1; done\necho '{{\"status\":\"completed\",\"operator_summary\":\"ok\",\"machine_status\":\"ok\"}}'",
            timeoutMs: 120_000);
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        using var dispatcher = CancelHarness.StartRunOnce(runtime);
        string? stdoutLog = null;
        Assert.True(
            await ProcessTree.WaitUntilAsync(
                () => (stdoutLog = LiveFile(runtime, taskId)) is { } path && File.Exists(path) && new FileInfo(path).Length > 0,
                TimeSpan.FromSeconds(60)),
            "no live output appeared");
        var first = new FileInfo(stdoutLog!).Length;
        Assert.True(
            await ProcessTree.WaitUntilAsync(() => new FileInfo(stdoutLog!).Length > first, TimeSpan.FromSeconds(30)),
            "the live output did not grow");
        Assert.Equal("running", runtime.Task(taskId)["status"]);
        var grown = File.ReadAllText(stdoutLog!);
        Assert.StartsWith("line 0\nline 1\n", grown, StringComparison.Ordinal);

        var run = await dispatcher.WaitAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("completed", runtime.Task(taskId)["status"]);
        var expected = string.Concat(Enumerable.Range(0, Lines).Select(i => $"line {i}\n")) + """{"status":"completed","operator_summary":"ok","machine_status":"ok"}""" + "\n";
        Assert.Equal(expected, File.ReadAllText(stdoutLog!));
        Assert.Equal(string.Concat(Enumerable.Range(0, Lines).Select(i => $"err {i}\n")), File.ReadAllText(Path.Combine(Path.GetDirectoryName(stdoutLog!)!, "stderr.log")));
    }

    /// <summary>The live stdout file of the task's running attempt, once it has one.</summary>
    private static string? LiveFile(TestRuntime runtime, string taskId)
    {
        var attempt = runtime.Attempts(taskId).FirstOrDefault();
        return attempt is null ? null : Path.Combine(runtime.ArtifactDir, "adapter-runs", taskId, (string)attempt["attempt_id"]!, "stdout.log");
    }
}
