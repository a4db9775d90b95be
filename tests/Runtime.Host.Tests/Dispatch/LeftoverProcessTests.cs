using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>
/// Issue 11: a script that exits 0 but leaves a child holding stdout was recorded as a timeout and
/// blocked, and background children of finished scripts kept running. The attempt now ends with
/// the script's exit; what it left behind is stopped after a short grace for the pipes.
/// </summary>
public sealed class LeftoverProcessTests
{
    private const string Completed = """{"status":"completed","operator_summary":"all good","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}""";

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_ScriptExitsZeroLeavingChildrenBehind_CompletedAndChildrenStopped()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");

        // One child holds stdout (and ignores SIGTERM); one runs detached from the pipes.
        runtime.AddScriptAdapter("script-ok", $"""
            ( trap '' TERM; exec sleep 300 ) &
            echo $! >> {pids}
            sleep 300 > /dev/null 2>&1 &
            echo $! >> {pids}
            echo '{Completed}'
            exit 0
            """, timeoutMs: 60_000);
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var result = await runtime.RunAsync("run-once");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("completed", runtime.Task(taskId)["status"]);
        Assert.Equal("ok", runtime.Attempts(taskId).Single()["exit_status"]);
        var launched = File.ReadAllLines(pids).Where(l => l.Length > 0).Select(int.Parse).ToList();
        Assert.Equal(2, launched.Count);
        foreach (var pid in launched)
        {
            Assert.True(await ProcessTree.WaitUntilAsync(() => ProcessTree.StartTime(pid) is null, TimeSpan.FromSeconds(10)), $"process {pid} outlived its attempt");
        }
    }
}
