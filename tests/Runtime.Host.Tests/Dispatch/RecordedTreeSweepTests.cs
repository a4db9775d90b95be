using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>
/// Issue 11: after a <c>kill -9</c> of the dispatcher, the next one stops what the dead attempt
/// recorded before the task runs again — the process group, and the cgroup where there was one —
/// including processes that carry no attempt marker (an emptied environment), which the marker
/// scan alone cannot find.
/// </summary>
public sealed class RecordedTreeSweepTests
{
    private const string Outcome = """{"status":"completed","operator_summary":"second run","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}""";

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_AfterDispatcherKilled_StopsTheRecordedGroupOfUnmarkedProcessesBeforeRerunning()
    {
        // No cgroup: the recorded process group is what finds them (the leader exec'd with an empty
        // environment, a background child with an empty environment in the same group).
        await CrashAndSweepAsync(scopeOff: true, "env -i sleep 300 &");
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_AfterDispatcherKilled_StopsTheRecordedCgroupIncludingAnEscapedSessionBeforeRerunning()
    {
        if (!ControlGroups.Available)
        {
            return;
        }

        // A descendant in a session of its own with an empty environment: neither the group nor the
        // marker reaches it; the attempt's cgroup does.
        await CrashAndSweepAsync(scopeOff: false, "env -i setsid sleep 300 &");
    }

    private static async Task CrashAndSweepAsync(bool scopeOff, string leftover)
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");
        var overlap = runtime.Directory.Combine("overlap.txt");
        runtime.AddScriptAdapter("script-ok", $$"""
            if [ -s {{pids}} ]; then
              for p in $(cat {{pids}}); do
                state=$(sed 's/.*) //' /proc/$p/stat 2>/dev/null | cut -d' ' -f1)
                [ -n "$state" ] && [ "$state" != Z ] && echo "$p $state" >> {{overlap}}
              done
              echo '{{Outcome}}'
              exit 0
            fi
            {{leftover}}
            echo $! >> {{pids}}.tmp
            echo $$ >> {{pids}}.tmp
            exec env -i sh -c 'mv {{pids}}.tmp {{pids}}; exec sleep 300'
            """, timeoutMs: 120_000);
        runtime.Config["maxAttempts"] = 3;
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = runtime.Directory.Path };
        foreach (var arg in new[] { Repo.HostDll, "run-once", "--config", runtime.ConfigPath })
        {
            start.ArgumentList.Add(arg);
        }

        if (scopeOff)
        {
            start.Environment[AttemptScope.SwitchVariable] = "off";
        }

        Dictionary<int, string?> launched;
        using (var dispatcher = ChildProcess.Start(start))
        {
            _ = dispatcher.StandardError.ReadToEndAsync();
            _ = dispatcher.StandardOutput.ReadToEndAsync();
            Assert.True(await ProcessTree.WaitUntilAsync(() => File.Exists(pids), TimeSpan.FromSeconds(60)), "the script never started");
            launched = File.ReadAllLines(pids).Where(l => l.Length > 0).Select(int.Parse).ToDictionary(pid => pid, ProcessTree.StartTime);

            // The record is written as the process starts; give it the moment it may still need.
            Assert.True(await ProcessTree.WaitUntilAsync(() => Recorded(runtime, taskId) is not null, TimeSpan.FromSeconds(10)), "the attempt's process was never recorded");
            await ChildProcess.SignalAsync(dispatcher.Id, "KILL");
            await dispatcher.WaitForExitAsync();
        }

        try
        {
            Assert.Equal(2, launched.Count);
            Assert.All(launched.Values, Assert.NotNull);
            Assert.True(
                await ProcessTree.WaitUntilAsync(() => !launched.Keys.Any(pid => File.ReadAllText($"/proc/{pid}/environ").Contains(ProcessRunner.AttemptMarker, StringComparison.Ordinal)), TimeSpan.FromSeconds(10)),
                "a left process still carries the attempt marker: the test would not tell the record from the marker scan");
            var record = Recorded(runtime, taskId)!;
            Assert.Equal(scopeOff, record["control_group"] is null);

            var next = await runtime.RunAsync("run-once");
            Assert.Equal(0, next.ExitCode);

            foreach (var (pid, startTime) in launched)
            {
                Assert.True(await ProcessTree.GoneAsync(pid, startTime!), $"process {pid} of the dead runner's attempt survived");
            }

            Assert.False(File.Exists(overlap), $"the task ran again beside its previous attempt's processes: {(File.Exists(overlap) ? File.ReadAllText(overlap) : "")}");
            Assert.Equal("completed", runtime.Task(taskId)["status"]);
            Assert.Equal(2, runtime.Attempts(taskId).Count);
            if (record["control_group"] is string scope)
            {
                Assert.False(Directory.Exists(scope), "the dead attempt's cgroup was not removed");
            }
        }
        finally
        {
            foreach (var (pid, startTime) in launched.Where(p => p.Value is not null && ProcessTree.StartTime(p.Key) == p.Value))
            {
                await ChildProcess.SignalAsync(pid, "KILL");
            }
        }
    }

    private static Dictionary<string, object?>? Recorded(TestRuntime runtime, string taskId) =>
        TestDb.Query(
            runtime.DbPath,
            "SELECT p.* FROM attempt_processes p JOIN task_attempts a ON a.attempt_id = p.attempt_id WHERE a.task_id = $t",
            ("$t", taskId)).SingleOrDefault();
}
