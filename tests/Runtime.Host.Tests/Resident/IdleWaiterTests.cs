using AgentRuntime.Host.Resident;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Resident;

/// <summary>The resident loop's waiter, with a tick so long that only what is under test can end a wait.</summary>
public sealed class IdleWaiterTests
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    [Fact(Timeout = 30_000)]
    public async Task WaitAsync_Nudged_AsksTheConditionBeforeTheTick()
    {
        using var waiter = new IdleWaiter(Never);
        var asked = 0;
        var wait = waiter.WaitAsync(() => Interlocked.Increment(ref asked) > 1, Never, CancellationToken.None);

        waiter.Nudge();

        await wait;
        Assert.True(asked >= 2);
    }

    [Fact(Timeout = 30_000)]
    public async Task WaitAsync_LongestPassed_Completes()
    {
        using var waiter = new IdleWaiter(Never);

        await waiter.WaitAsync(() => false, TimeSpan.FromMilliseconds(50), CancellationToken.None);
    }

    [Fact(Timeout = 30_000)]
    public async Task DatabaseFileWatch_WalWritten_NudgesTheWaiter()
    {
        using var directory = new TempDirectory();
        var db = directory.Combine("runtime.db");
        using var waiter = new IdleWaiter(Never);
        using var watch = DatabaseFileWatch.Start(db, directory.Combine("dispatch.paused.json"), waiter, Never, Serilog.Core.Logger.None);
        Assert.True(watch.Active);
        var written = false;
        var asked = 0;
        var wait = waiter.WaitAsync(() => Interlocked.Increment(ref asked) > 1 && Volatile.Read(ref written), Never, CancellationToken.None);

        Volatile.Write(ref written, true);
        await File.WriteAllTextAsync(db + "-wal", "frames");

        await wait;
    }
}
