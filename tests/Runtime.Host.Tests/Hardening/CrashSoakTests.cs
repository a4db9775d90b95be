using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.Flow;
using AgentRuntime.Host.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Host.Tests.Hardening;

/// <summary>
/// Issue 11 harness, crashes: a dispatcher (<c>run-once</c> or <c>serve</c>, in turn) is killed with
/// SIGKILL at a random point — start-up, lock, boot sweep, claim, bundle write, the adapter's run
/// (whose script leaves a child), finalize — while one more task is queued each time; then the
/// queue is drained. The database passes <c>PRAGMA integrity_check</c>, no task is lost or
/// duplicated, no attempt is left running, every terminal task has its audit directory, and no
/// process of any attempt survives. 12 kills by default, 200 in soak mode.
/// </summary>
[Collection(nameof(ExclusiveCollection))]
[Trait(Soak.Category, Soak.Trait)]
public sealed class CrashSoakTests(ITestOutputHelper output)
{
    [Fact(Timeout = 3_600_000)]
    public async Task Dispatchers_KilledAtRandomPoints_NothingLostDuplicatedLeftRunningOrLeftBehind()
    {
        var iterations = Soak.Size(reduced: 12, full: 200);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var marker = $"crash-{Guid.NewGuid():N}";
        using var runtime = new TestRuntime();
        runtime.Config["maxAttempts"] = 1000;
        runtime.AddScriptAdapter("script-ok", """
            sleep 300 &
            sleep 0.$(( $$ % 4 ))
            echo '{"status":"completed","operator_summary":"done","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}'
            """, timeoutMs: 30_000, extra: new JsonObject { ["env"] = new JsonObject { ["CRASH_MARKER"] = marker } });
        runtime.Save();

        var queued = new List<string>();
        for (var i = 0; i < iterations; i++)
        {
            var intake = await InProcessCli.RunAsync(
                runtime.Directory.Path,
                ["intake", "--json", $$$"""{"kind":"k","source":"crash","subject":"{{{i}}}","payload":{}}""", "--config", runtime.ConfigPath],
                TimeProvider.System);
            Assert.True(intake.ExitCode == 0, intake.ToString());
            queued.Add(intake.Json["task_id"]!.GetValue<string>());

            using var dispatcher = Start(runtime, i % 2 == 0 ? ["run-once"] : ["serve", "--no-web"]);
            await Task.Delay(random.Next(0, 2500));
            if (!dispatcher.HasExited)
            {
                await ChildProcess.SignalAsync(dispatcher.Id, "KILL");
            }

            await dispatcher.WaitForExitAsync();
        }

        // Drain: each run-once sweeps what the killed dispatchers left, then runs one task.
        for (var cycles = 0; cycles < iterations * 3; cycles++)
        {
            var cycle = await HostCli.RunAsync(runtime.Directory.Path, ["run-once", "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(120));
            Assert.True(cycle.ExitCode == 0, cycle.ToString());
            if (cycle.Json["status"]!.GetValue<string>() == "idle")
            {
                break;
            }
        }

        IReadOnlyList<string> survivors = [];
        await ProcessTree.WaitUntilAsync(() => (survivors = ProcScan.Marked(marker)).Count == 0, TimeSpan.FromSeconds(10));
        var tasks = TestDb.Query(runtime.DbPath, "SELECT task_id, status FROM tasks");
        var running = (long)TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM task_attempts WHERE status = 'running'")!;
        var withoutAudit = tasks.Where(t => !Directory.Exists(Path.Combine(runtime.ArtifactDir, "adapter-runs", (string)t["task_id"]!))).ToList();
        var sweeps = (long)TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'boot_sweep_reclaimed'")!;
        output.WriteLine($"{iterations} kills (seed {seed}), {sweeps} boot sweeps that reclaimed: {tasks.Count} tasks of {queued.Count} queued, "
            + $"{tasks.Count(t => (string)t["status"]! != "completed")} not completed, {running} attempts running, {withoutAudit.Count} without audit directory, {survivors.Count} survivors");

        Assert.Equal("ok", TestDb.Scalar(runtime.DbPath, "PRAGMA integrity_check"));
        Assert.Equal(queued.Order(), tasks.Select(t => (string)t["task_id"]!).Order());
        Assert.All(tasks, t => Assert.Equal("completed", t["status"]));
        Assert.Equal(0L, running);
        Assert.Empty(withoutAudit);
        Assert.True(survivors.Count == 0, $"{survivors.Count} survivors:\n{string.Join('\n', survivors.Take(20))}");
    }

    private static Process Start(TestRuntime runtime, string[] command)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = runtime.Directory.Path };
        foreach (var arg in new[] { Repo.HostDll }.Concat(command).Concat(["--config", runtime.ConfigPath]))
        {
            start.ArgumentList.Add(arg);
        }

        var process = ChildProcess.Start(start);
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }
}
