using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>
/// Issue 11: after a <c>kill -9</c> of the dispatcher, the attempt's process tree kept running
/// while the next cycle ran the task again beside it. The next dispatcher's boot sweep now stops
/// the dead runner's tree (found by the attempt id every launched process carries) before the
/// task goes back to the queue.
/// </summary>
public sealed class CrashContainmentTests
{
    [Fact(Timeout = 120_000)]
    public async Task RunOnce_AfterDispatcherKilled_StopsTheDeadRunnersTreeBeforeTheTaskRunsAgain()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");
        var overlap = runtime.Directory.Combine("overlap.txt");

        // First attempt: a child, a grandchild in a session of its own, then wait. Second attempt:
        // record whether any process of the first is still running (a zombie is not: this
        // machine's init does not reap orphans), and succeed.
        runtime.AddScriptAdapter("script-ok", $$"""
            if [ -s {{pids}} ]; then
              for p in $(cat {{pids}}); do
                state=$(sed 's/.*) //' /proc/$p/stat 2>/dev/null | cut -d' ' -f1)
                [ -n "$state" ] && [ "$state" != Z ] && echo "$p $state" >> {{overlap}}
              done
              echo '{"status":"completed","operator_summary":"second run","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}'
              exit 0
            fi
            sleep 300 &
            echo $! >> {{pids}}.tmp
            setsid sleep 300 &
            echo $! >> {{pids}}.tmp
            echo $$ >> {{pids}}.tmp
            mv {{pids}}.tmp {{pids}}
            wait
            """, timeoutMs: 120_000);
        runtime.Config["maxAttempts"] = 3;
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = runtime.Directory.Path };
        foreach (var arg in new[] { Repo.HostDll, "run-once", "--config", runtime.ConfigPath })
        {
            start.ArgumentList.Add(arg);
        }

        Dictionary<int, string?> launched;
        using (var dispatcher = ChildProcess.Start(start))
        {
            _ = dispatcher.StandardError.ReadToEndAsync();
            _ = dispatcher.StandardOutput.ReadToEndAsync();
            Assert.True(await ProcessTree.WaitUntilAsync(() => File.Exists(pids), TimeSpan.FromSeconds(60)), "the script never started");
            launched = File.ReadAllLines(pids).Where(l => l.Length > 0).Select(int.Parse).ToDictionary(pid => pid, ProcessTree.StartTime);
            await ChildProcess.SignalAsync(dispatcher.Id, "KILL");
            await dispatcher.WaitForExitAsync();
        }

        try
        {
            Assert.Equal(3, launched.Count);
            Assert.All(launched.Values, Assert.NotNull);
            Assert.Equal("running", runtime.Task(taskId)["status"]);

            var next = await runtime.RunAsync("run-once");
            Assert.Equal(0, next.ExitCode);

            foreach (var (pid, startTime) in launched)
            {
                Assert.True(await ProcessTree.GoneAsync(pid, startTime!), $"process {pid} of the dead runner's attempt survived");
            }

            Assert.False(File.Exists(overlap), $"the task ran again beside its previous attempt's processes: {(File.Exists(overlap) ? File.ReadAllText(overlap) : "")}");
            Assert.Equal("completed", runtime.Task(taskId)["status"]);
            var attempts = runtime.Attempts(taskId);
            Assert.Equal(2, attempts.Count);
            Assert.Contains("boot_sweep", (string)attempts[0]["diagnostics_json"]!, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var (pid, startTime) in launched.Where(p => p.Value is not null && ProcessTree.StartTime(p.Key) == p.Value))
            {
                await ChildProcess.SignalAsync(pid, "KILL");
            }
        }
    }
}
