using System.Diagnostics;
using AgentRuntime.Host.Tests.Flow;
using AgentRuntime.Host.Tests.TestSupport;
using Xunit.Abstractions;
using static AgentRuntime.Host.Tests.Hardening.HostileEnvironmentChecks;

namespace AgentRuntime.Host.Tests.Hardening;

/// <summary>
/// Issue 11 harness, hostile environment: the state directory on a 2 MB tmpfs, filled during a run
/// (an adapter whose output is larger than the space) and filled beforehand (a file taking the
/// rest). The attempt fails clearly and is recorded (its task requeued or blocked, never left
/// <c>running</c>), every command works or fails with one clear line, the database passes
/// <c>PRAGMA integrity_check</c>, <c>serve</c> keeps running, and once space is freed the queue
/// drains. 1 round by default, 5 in soak mode; <c>serve</c> once.
/// </summary>
[Collection(nameof(ExclusiveCollection))]
[Trait(Soak.Category, Soak.Trait)]
public sealed class HostileEnvironmentFullDiskTests(ITestOutputHelper output)
{
    private const string Big = "head -c 3000000 /dev/zero | tr '\\0' x; echo";

    [Fact(Timeout = 1_800_000)]
    public async Task TinyStateDisk_FilledByOutputOrBeforehand_AttemptFailsClearlyAndQueueDrainsOnceFreed()
    {
        var rounds = Soak.Size(reduced: 1, full: 5);
        using var runtime = Runtime($"echo '{Completed}'", maxAttempts: 2);
        runtime.AddScriptAdapter("script-big", $"{Big}\necho '{Completed}'", timeoutMs: 60_000);
        runtime.Save();
        var state = runtime.StateDir;
        var db = runtime.DbPath;
        var q = HostileEnvironmentNamespace.Quote(state);
        var filler = HostileEnvironmentNamespace.Quote(Path.Combine(state, "filler"));
        using var ns = await HostileEnvironmentNamespace.StartAsync($"mkdir -p {q} && mount -t tmpfs -o size=2m tmpfs {q}");
        var figures = new Figures();

        for (var round = 0; round < rounds; round++)
        {
            // Filled during the run: the adapter's output does not fit.
            var big = await IntakeAsync(ns, runtime, TaskJson($"big-{round}")[..^1] + ""","requested_adapter":"script-big"}""", figures);
            figures.Big.Add(big!);
            await CycleAsync(ns, runtime, figures, "run-once (output larger than the disk)");
            Assert.NotEqual("running", await ns.SqlAsync(db, $"SELECT status FROM tasks WHERE task_id = '{big}'"));

            // Filled beforehand: whatever is written next finds no space.
            await ns.ShellAsync($"head -c 4000000 /dev/zero > {filler} 2>/dev/null || true");
            var during = await IntakeAsync(ns, runtime, TaskJson($"during-{round}"), figures);
            await CycleAsync(ns, runtime, figures, "run-once (disk full)");
            var snapshot = await ns.HostAsync(runtime, "snapshot");
            Note(figures.Problems, WorkedOrClear(snapshot, state), "snapshot (disk full)", snapshot);
            figures.Commands++;

            // Freed (sqlite3 itself needs room for the -shm file to look): the database is whole, and the next cycles drain the queue.
            await ns.ShellAsync($"rm -f {filler}");
            figures.Integrity.Add(await ns.SqlAsync(db, "PRAGMA integrity_check"));
            figures.Queued.AddRange(new[] { during, await IntakeAsync(ns, runtime, TaskJson($"after-{round}"), figures) }.OfType<string>());
            for (var cycle = 0; cycle < 10; cycle++)
            {
                var result = await ns.HostAsync(runtime, "run-once");
                Assert.True(result.ExitCode == 0, result.ToString());
                if (result.Json["status"]?.GetValue<string>() == "idle")
                {
                    break;
                }

                await Task.Delay(1100); // the failed task's retry backoff
            }
        }

        await ServeThroughFullDiskAsync(ns, runtime, filler, figures);

        var statuses = (await ns.SqlAsync(db, "SELECT task_id || ' ' || status FROM tasks")).Split('\n').Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        var running = await ns.SqlAsync(db, "SELECT COUNT(*) FROM task_attempts WHERE status = 'running'");
        figures.Integrity.Add(await ns.SqlAsync(db, "PRAGMA integrity_check"));
        var lost = figures.Queued.Concat(figures.Big).Count(id => !statuses.ContainsKey(id));
        output.WriteLine($"full disk: {rounds} rounds + serve, {figures.Commands} commands, {figures.Problems.Count} unclear or crashed, {lost} lost, "
            + $"{running} attempts running, integrity_check {string.Join(",", figures.Integrity.Distinct())}, big-output tasks ended {string.Join(",", figures.Big.Select(b => statuses.GetValueOrDefault(b)))}");

        Assert.True(figures.Problems.Count == 0, string.Join("\n\n", figures.Problems));
        Assert.Equal(0, lost);
        Assert.All(figures.Queued, id => Assert.Equal("completed", statuses[id]));
        Assert.All(figures.Big, id => Assert.Contains(statuses[id], new[] { "blocked", "retryable_failure" }));
        Assert.Equal("0", running);
        Assert.Equal(["ok"], figures.Integrity.Distinct());
    }

    /// <summary><c>serve</c> runs an attempt that fills the disk, sits through a full disk, and dispatches again once space is freed.</summary>
    private static async Task ServeThroughFullDiskAsync(HostileEnvironmentNamespace ns, TestRuntime runtime, string filler, Figures figures)
    {
        using var serve = ns.StartHost(runtime, "serve", "--no-web");
        var stderr = serve.StandardError.ReadToEndAsync();
        try
        {
            await StartLine.ReadAsync(serve.StandardOutput, TimeSpan.FromSeconds(60));
            var big = await IntakeAsync(ns, runtime, TaskJson("serve-big")[..^1] + ""","requested_adapter":"script-big"}""", figures);
            figures.Big.Add(big!);
            Assert.True(await WaitForAsync(ns, runtime, big!, ["blocked"]), $"{big} did not end blocked under serve");

            await ns.ShellAsync($"head -c 4000000 /dev/zero > {filler} 2>/dev/null || true");
            var during = await IntakeAsync(ns, runtime, TaskJson("serve-during"), figures);
            await Task.Delay(3000);
            if (serve.HasExited)
            {
                Assert.Fail($"serve exited on a full disk: {await stderr}");
            }


            await ns.ShellAsync($"rm -f {filler}");
            var after = await IntakeAsync(ns, runtime, TaskJson("serve-after"), figures);
            figures.Queued.AddRange(new[] { during, after }.OfType<string>());
            foreach (var id in new[] { during, after }.OfType<string>())
            {
                Assert.True(await WaitForAsync(ns, runtime, id, ["completed"]), $"{id} did not complete under serve once space was freed");
            }

            if (serve.HasExited)
            {
                Assert.Fail($"serve exited: {await stderr}");
            }

            await ChildProcess.SignalAsync(serve.Id, "TERM");
            await serve.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            Assert.True(serve.ExitCode == 0, $"serve exit {serve.ExitCode}: {await stderr}");
        }
        finally
        {
            ChildProcess.KillTree(serve);
        }
    }

    private static async Task<bool> WaitForAsync(HostileEnvironmentNamespace ns, TestRuntime runtime, string taskId, string[] statuses)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(90))
        {
            var status = await ns.SqlAsync(runtime.DbPath, $"SELECT status FROM tasks WHERE task_id = '{taskId}'");
            if (statuses.Contains(status))
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>Queues a task; on a full disk the refusal must be clear, and then there is no task (null).</summary>
    private static async Task<string?> IntakeAsync(HostileEnvironmentNamespace ns, TestRuntime runtime, string task, Figures figures)
    {
        var result = await ns.HostAsync(runtime, "intake", "--json", task);
        figures.Commands++;
        Note(figures.Problems, WorkedOrClear(result, runtime.StateDir), "intake", result);
        return result.ExitCode == 0 ? result.Json["task_id"]!.GetValue<string>() : null;
    }

    private static async Task CycleAsync(HostileEnvironmentNamespace ns, TestRuntime runtime, Figures figures, string what)
    {
        var result = await ns.HostAsync(runtime, "run-once");
        figures.Commands++;
        Note(figures.Problems, WorkedOrClear(result, runtime.StateDir), what, result);
    }

    private sealed class Figures
    {
        public List<string> Queued { get; } = [];

        public List<string> Big { get; } = [];

        public List<string> Problems { get; } = [];

        public List<string> Integrity { get; } = [];

        public int Commands { get; set; }
    }
}
