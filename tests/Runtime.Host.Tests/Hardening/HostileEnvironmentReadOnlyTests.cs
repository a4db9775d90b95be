using AgentRuntime.Host.Tests.Flow;
using AgentRuntime.Host.Tests.TestSupport;
using Xunit.Abstractions;
using static AgentRuntime.Host.Tests.Hardening.HostileEnvironmentChecks;

namespace AgentRuntime.Host.Tests.Hardening;

/// <summary>
/// Issue 11 harness, hostile environment: the state directory (database, lock, logs, artifacts) on
/// a read-only mount. Every command that writes fails with one line naming the path and the cause,
/// a non-zero exit and no stack trace; the read-only commands work or fail the same clear way; once
/// the mount is writable again the next cycle runs the queued task and nothing is lost. 1 round by
/// default, 5 in soak mode.
/// </summary>
[Collection(nameof(ExclusiveCollection))]
[Trait(Soak.Category, Soak.Trait)]
public sealed class HostileEnvironmentReadOnlyTests(ITestOutputHelper output)
{
    [Fact(Timeout = 1_800_000)]
    public async Task ReadOnlyStateDirectory_WritersFailClearly_NextCycleRecovers()
    {
        var rounds = Soak.Size(reduced: 1, full: 5);
        using var runtime = Runtime($"echo '{Completed}'");
        var state = runtime.StateDir;
        var queued = new List<string>();
        var problems = new List<string>();
        var commands = 0;
        for (var round = 0; round < rounds; round++)
        {
            var waiting = await runtime.IntakeAsync(TaskJson($"before-{round}"));
            queued.Add(waiting);
            var q = HostileEnvironmentNamespace.Quote(state);
            using var ns = await HostileEnvironmentNamespace.StartAsync($"mount --bind {q} {q} && mount -o remount,bind,ro {q}");
            string[][] writers =
            [
                ["intake", "--json", TaskJson($"refused-{round}")],
                ["run-once"],
                ["schedule-tick"],
                ["sensor-event", "--json", SensorEventTests.Event],
                ["snapshot"],
                ["pause", "--reason", "read-only"],
                ["cancel", "--task", waiting, "--reason", "read-only"],
                ["serve", "--no-web"],
            ];
            foreach (var command in writers)
            {
                var result = await ns.HostAsync(runtime, command);
                Note(problems, Unclear(result, state), command[0], result);
                commands++;
            }

            foreach (var command in new[] { "status", "workflow-list", "healthcheck" })
            {
                var result = await ns.HostAsync(runtime, command);
                Note(problems, WorkedOrClear(result, state), command, result);
                commands++;
            }

            // Writable again: the next cycle, in the same namespace, runs the task that waited.
            await ns.ShellAsync($"mount -o remount,bind,rw {q}");
            var cycle = await ns.HostAsync(runtime, "run-once");
            Assert.True(cycle.ExitCode == 0 && cycle.Json["task_id"]?.GetValue<string>() == waiting, cycle.ToString());
        }

        var tasks = TestDb.Query(runtime.DbPath, "SELECT task_id, status FROM tasks");
        var running = (long)TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM task_attempts WHERE status = 'running'")!;
        var integrity = (string)TestDb.Scalar(runtime.DbPath, "PRAGMA integrity_check")!;
        output.WriteLine($"read-only state directory: {rounds} rounds, {commands} commands, {problems.Count} unclear or crashed, "
            + $"{queued.Count - tasks.Count(t => queued.Contains((string)t["task_id"]!))} lost, {running} attempts running, integrity_check {integrity}");

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.Equal(queued.Order(), tasks.Select(t => (string)t["task_id"]!).Order());
        Assert.All(tasks, t => Assert.Equal("completed", t["status"]));
        Assert.Equal(0L, running);
        Assert.Equal("ok", integrity);
    }
}
