using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>
/// Issue 11: an attempt records its process group (and its cgroup where one can be made) as the
/// adapter's process starts, so the sweep after a crash can stop the group first and the marker
/// scan is only the fallback.
/// </summary>
public sealed class AttemptProcessRecordTests
{
    private const string Outcome = """{"status":"completed","operator_summary":"ok","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}""";

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_ScriptAttempt_RecordsItsProcessGroupAndRunsItInItsOwnCgroup()
    {
        using var runtime = new TestRuntime();
        var seen = runtime.Directory.Combine("seen.txt");
        // Alive for a second: the host reads the process's identity as it records it, and a
        // process already gone then is recorded without one.
        runtime.AddScriptAdapter("script-ok", $"""
            echo "$$ $(grep '^0::' /proc/$$/cgroup)" > {seen}
            sleep 1
            echo '{Outcome}'
            """);
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var run = await runtime.RunAsync("run-once");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("completed", runtime.Task(taskId)["status"]);
        var attempt = runtime.Attempts(taskId).Single();
        var attemptId = (string)attempt["attempt_id"]!;
        var record = TestDb.Query(runtime.DbPath, "SELECT * FROM attempt_processes WHERE attempt_id = $a", ("$a", attemptId)).Single();
        var parts = File.ReadAllText(seen).Trim().Split(' ', 2);
        var pid = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(pid, record["pid"]);
        Assert.Equal(pid, record["process_group"]);
        Assert.NotNull(record["process_identity"]);
        Assert.Equal(
            ProcessIdentityOfSelf()?.Split('/')[0],
            ((string)record["process_identity"]!).Split('/')[0]);
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM runner_processes WHERE runner_id = $r", ("$r", attempt["runner_id"])));

        if (ControlGroups.Available)
        {
            var scope = Assert.IsType<string>(record["control_group"]);
            Assert.Equal($"{AttemptScope.NamePrefix}{attemptId}", Path.GetFileName(scope));
            Assert.EndsWith($"/{AttemptScope.NamePrefix}{attemptId}", parts[1], StringComparison.Ordinal);
            Assert.False(Directory.Exists(scope), "the attempt's cgroup was not removed at its end");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_CgroupScopeSwitchedOff_RecordsTheGroupAloneAndStillStopsLeftovers()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");

        // A leftover in the script's group that cleared its environment: no marker to find it by.
        runtime.AddScriptAdapter("script-ok", $"""
            env -i sleep 300 &
            echo "$! $(grep '^0::' /proc/$$/cgroup)" > {pids}
            echo '{Outcome}'
            """);
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var run = await runtime.RunAsync(new Dictionary<string, string> { [AttemptScope.SwitchVariable] = "off" }, "run-once");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("completed", runtime.Task(taskId)["status"]);
        var attemptId = (string)runtime.Attempts(taskId).Single()["attempt_id"]!;
        var record = TestDb.Query(runtime.DbPath, "SELECT * FROM attempt_processes WHERE attempt_id = $a", ("$a", attemptId)).Single();
        Assert.Equal(record["pid"], record["process_group"]);
        Assert.Null(record["control_group"]);
        var parts = File.ReadAllText(pids).Trim().Split(' ', 2);
        Assert.DoesNotContain(AttemptScope.NamePrefix, parts[1], StringComparison.Ordinal);
        var leftover = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await ProcessTree.WaitUntilAsync(() => ProcessTree.StartTime(leftover) is null, TimeSpan.FromSeconds(10)), $"leftover {leftover} survived");
    }

    private static string? ProcessIdentityOfSelf() => ProcessIdentity.Of(Environment.ProcessId);
}
