using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class DispatchLockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string LockPath => _dir.Combine("state", "dispatch.lock");

    [Fact]
    public void TryAcquire_FreeLock_WritesPidRunnerAndTime_AndReleaseDeletesIt()
    {
        var acquisition = DispatchLock.TryAcquire(LockPath, "host:1:now", TimeProvider.System);
        Assert.True(acquisition.Acquired);
        Assert.Null(acquisition.Cleared);
        var content = File.ReadAllText(LockPath);
        Assert.StartsWith($"{{\"pid\":{Environment.ProcessId},\"runner_id\":\"host:1:now\",\"created_at\":\"", content, StringComparison.Ordinal);
        Assert.False(DispatchLock.TryAcquire(LockPath, "other", TimeProvider.System).Acquired);
        acquisition.Lock!.Dispose();
        Assert.False(File.Exists(LockPath));
    }

    [Fact]
    public void TryAcquire_LockFileRemovedWhileHeld_StillLocksOutASecondDispatcher()
    {
        var first = DispatchLock.TryAcquire(LockPath, "first", TimeProvider.System);
        Assert.True(first.Acquired);
        File.Delete(LockPath);

        Assert.False(DispatchLock.TryAcquire(LockPath, "second", TimeProvider.System).Acquired);
        Assert.False(File.Exists(LockPath));

        first.Lock!.Dispose();
        using var third = DispatchLock.TryAcquire(LockPath, "third", TimeProvider.System).Lock;
        Assert.NotNull(third);
    }

    [Fact(Timeout = 30_000)]
    public async Task TryAcquire_ProcessHoldingTheOsLockIsKilled_TheKernelReleasesIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
        using var holder = ChildProcess.Start(new System.Diagnostics.ProcessStartInfo("flock", ["--exclusive", "--close", LockPath + ".flock", "sleep", "30"]) { RedirectStandardOutput = true });
        try
        {
            // flock(1) takes the lock before it starts sleep, and with --close only flock itself holds
            // it (sleep does not inherit the descriptor); wait until it has.
            while (!HeldByOther())
            {
                await Task.Delay(20);
            }

            Assert.False(DispatchLock.TryAcquire(LockPath, "me", TimeProvider.System).Acquired);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }

        using var held = DispatchLock.TryAcquire(LockPath, "me", TimeProvider.System).Lock;
        Assert.NotNull(held);
    }

    private bool HeldByOther()
    {
        if (!File.Exists(LockPath + ".flock"))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(LockPath + ".flock", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    [Theory]
    [InlineData("", "empty_lock_file", null, null)]
    [InlineData("   \n", "empty_lock_file", null, null)]
    [InlineData("{not json", "malformed_lock_file", null, null)]
    [InlineData("{\"runner_id\":\"r1\"}", "missing_or_invalid_pid", null, "r1")]
    [InlineData("{\"pid\":-4,\"runner_id\":\"r2\"}", "missing_or_invalid_pid", null, "r2")]
    [InlineData("{\"pid\":1.5}", "missing_or_invalid_pid", null, null)]
    public void TryAcquire_StaleLock_IsClearedWithReason(string content, string reason, int? pid, string? runner)
    {
        _dir.Write("state/dispatch.lock", content);
        var acquisition = DispatchLock.TryAcquire(LockPath, "me", TimeProvider.System);
        using var held = acquisition.Lock;
        Assert.True(acquisition.Acquired);
        Assert.Equal(new StaleLock(reason, pid, runner), acquisition.Cleared);
    }

    [Fact(Timeout = 30_000)]
    public async Task TryAcquire_LockOfDeadPid_IsClearedAsPidNotLive()
    {
        using var process = ChildProcess.Start("true");
        await process.WaitForExitAsync();
        _dir.Write("state/dispatch.lock", $"{{\"pid\":{process.Id},\"runner_id\":\"gone\",\"created_at\":\"2026-01-01T00:00:00.000Z\"}}");
        var acquisition = DispatchLock.TryAcquire(LockPath, "me", TimeProvider.System);
        using var held = acquisition.Lock;
        Assert.True(acquisition.Acquired);
        Assert.Equal(new StaleLock("pid_not_live", process.Id, "gone"), acquisition.Cleared);
    }

    [Fact(Timeout = 30_000)]
    public async Task TryAcquire_LockOfLivePid_StaysLocked()
    {
        using var sleeper = ChildProcess.Start("sleep", "30");
        try
        {
            _dir.Write("state/dispatch.lock", $"{{\"pid\":{sleeper.Id},\"runner_id\":\"alive\",\"created_at\":\"x\"}}");
            var acquisition = DispatchLock.TryAcquire(LockPath, "me", TimeProvider.System);
            Assert.False(acquisition.Acquired);
            Assert.Null(acquisition.Cleared);
            Assert.True(File.Exists(LockPath));
        }
        finally
        {
            sleeper.Kill();
            await sleeper.WaitForExitAsync();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task TryAcquire_LockIsPublishedWhole_NeverSeenEmptyByAnotherDispatcher()
    {
        // A dispatcher that found the lock empty would clear it as stale while its owner was still
        // writing it, and two cycles would run at once (seen as one task claimed twice).
        using var stop = new CancellationTokenSource();
        var partialReads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (File.ReadAllText(LockPath).Length == 0)
                    {
                        Interlocked.Increment(ref partialReads);
                    }
                }
                catch (IOException)
                {
                }
            }
        });

        for (var i = 0; i < 300; i++)
        {
            var acquisition = DispatchLock.TryAcquire(LockPath, "me", TimeProvider.System);
            Assert.True(acquisition.Acquired);
            acquisition.Lock!.Dispose();
        }

        await stop.CancelAsync();
        await reader;
        Assert.Equal(0, partialReads);
    }

    [Fact]
    public void Release_LockReplacedByAnotherDispatcher_IsLeftInPlace()
    {
        var acquisition = DispatchLock.TryAcquire(LockPath, "me", TimeProvider.System);
        File.WriteAllText(LockPath, "{\"pid\":1,\"runner_id\":\"someone-else\"}");
        acquisition.Lock!.Dispose();
        Assert.True(File.Exists(LockPath));
    }
}
