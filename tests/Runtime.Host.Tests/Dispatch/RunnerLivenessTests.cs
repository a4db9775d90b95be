using System.Diagnostics;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>
/// Issue 11: a dead runner whose pid was reused by another process counted as alive, so its
/// attempts stayed running and their tasks were stuck for ever. The identity recorded at its
/// claims (boot id and start ticks) now tells the two apart.
/// </summary>
public sealed class RunnerLivenessTests
{
    private const string Self = "self-runner";

    [Fact(Timeout = 60_000)]
    public async Task IsGone_LivePidWithAnotherIdentityThanRecorded_CountsAsGone()
    {
        using var other = Sleeper();
        var runnerId = RunnerIdOf(other.Id);
        var actual = ProcessIdentity.Of(other.Id);
        Assert.NotNull(actual);

        Assert.True(RunnerLiveness.IsGone(new RecordedRunner(runnerId, actual.Split('/')[0] + "/1"), Self));
        Assert.False(RunnerLiveness.IsGone(new RecordedRunner(runnerId, actual), Self));
        Assert.False(RunnerLiveness.IsGone(new RecordedRunner(runnerId, null), Self));
        await ChildProcess.SignalAsync(other.Id, "KILL");
    }

    [Fact(Timeout = 60_000)]
    public async Task BootSweep_RunnerPidReusedByAnotherProcess_ReclaimsItsAttempt()
    {
        await Task.Yield();
        using var other = Sleeper();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input(maxAttempts: 2));
        var runnerId = RunnerIdOf(other.Id);
        var claimed = harness.OpenStore(runnerId).Claim()!;

        // The claim records only a runner id that names the claiming process: here, the one whose pid the sleeper now has.
        harness.Db.Execute(
            "INSERT INTO runner_processes (runner_id, pid, process_identity, recorded_at) VALUES ($r, $p, $i, '2026-05-01T09:00:00.000Z')",
            ("$r", runnerId),
            ("$p", other.Id),
            ("$i", ProcessIdentity.Of(other.Id)!.Split('/')[0] + "/1"));
        var sweeper = harness.OpenStore(Self);

        var result = sweeper.BootSweep(runner => RunnerLiveness.IsGone(runner, Self), _ => { });

        Assert.Equal(1, result.AttemptsReclaimed);
        Assert.Equal(TaskStatuses.RetryableFailure, sweeper.GetTask(task.TaskId)!.Status);
        Assert.Equal("finished", sweeper.GetAttempt(claimed.Attempt.AttemptId)!.Status);
        Assert.Equal(0, harness.Count("SELECT COUNT(*) FROM runner_processes"));
        await ChildProcess.SignalAsync(other.Id, "KILL");
    }

    [Fact(Timeout = 60_000)]
    public async Task BootSweep_RunnerAliveWithItsRecordedIdentity_LeavesItsAttemptRunning()
    {
        await Task.Yield();
        using var other = Sleeper();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input(maxAttempts: 2));
        var runnerId = RunnerIdOf(other.Id);
        var claimed = harness.OpenStore(runnerId).Claim()!;
        harness.Db.Execute(
            "INSERT INTO runner_processes (runner_id, pid, process_identity, recorded_at) VALUES ($r, $p, $i, '2026-05-01T09:00:00.000Z')",
            ("$r", runnerId),
            ("$p", other.Id),
            ("$i", ProcessIdentity.Of(other.Id)));

        var result = harness.OpenStore(Self).BootSweep(runner => RunnerLiveness.IsGone(runner, Self), _ => { });

        Assert.Equal(0, result.AttemptsReclaimed);
        Assert.Equal(TaskStatuses.Running, harness.Store.GetTask(task.TaskId)!.Status);
        Assert.Equal("running", harness.Store.GetAttempt(claimed.Attempt.AttemptId)!.Status);
        Assert.Equal(1, harness.Count("SELECT COUNT(*) FROM runner_processes"));
        await ChildProcess.SignalAsync(other.Id, "KILL");
    }

    [Fact(Timeout = 60_000)]
    public async Task Claim_UnderThisProcesssRunnerId_RecordsItsIdentityOnce()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        harness.Store.Enqueue(StoreHarness.Input());
        harness.Store.Enqueue(StoreHarness.Input());
        var runnerId = RunnerId.Create(TimeProvider.System);
        var store = harness.OpenStore(runnerId);

        Assert.NotNull(store.Claim());
        Assert.NotNull(store.Claim());

        Assert.Equal(1, harness.Count("SELECT COUNT(*) FROM runner_processes"));
        Assert.Equal(ProcessIdentity.Of(Environment.ProcessId), harness.Text("SELECT process_identity FROM runner_processes WHERE runner_id = $r", ("$r", runnerId)));
        Assert.Equal(0, harness.Count("SELECT COUNT(*) FROM runner_processes WHERE runner_id <> $r", ("$r", runnerId)));
    }

    private static string RunnerIdOf(int pid) => $"{System.Net.Dns.GetHostName()}:{pid}:2026-05-01T09:00:00.000Z";

    private static Process Sleeper()
    {
        var start = new ProcessStartInfo("sleep", "60") { RedirectStandardOutput = true };
        return ChildProcess.Start(start);
    }
}
