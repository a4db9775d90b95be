namespace AgentRuntime.Host.Resident;

/// <summary>
/// Where the resident loop sleeps between iterations. One dedicated thread looks whether the armed
/// waiter's condition holds every <see cref="Tick"/>, at once when <see cref="Poke"/>d or
/// <see cref="Nudge"/>d, and at the armed wait's deadline, and completes the wait when it does.
/// The thread blocks in the kernel between looks: timer-driven async waits cost a thread-pool hop,
/// and the pool's spinning after it, at every tick, which is most of an idle dispatcher's CPU.
/// </summary>
internal sealed class IdleWaiter : IDisposable
{
    /// <summary>
    /// After a <see cref="Nudge"/>, the looks come this often for <see cref="BurstLength"/>: the file
    /// change that nudged may come before the commit it belongs to is visible (SQLite writes the WAL,
    /// syncs it, and only then publishes the commit in shared memory, which no file event reports).
    /// </summary>
    public static readonly TimeSpan BurstTick = TimeSpan.FromMilliseconds(5);

    /// <summary>How long the looks stay at <see cref="BurstTick"/> after a nudge.</summary>
    public static readonly TimeSpan BurstLength = TimeSpan.FromMilliseconds(100);

    private readonly AutoResetEvent _event = new(false);
    private readonly Thread _thread;
    private volatile Armed? _armed;
    private volatile bool _stopped;
    private int _poked;
    private long _burstUntil;
    private long _tickMilliseconds;

    public IdleWaiter(TimeSpan tick)
    {
        Tick = tick;
        _thread = new Thread(Run) { IsBackground = true, Name = "agent-runtime idle waiter" };
        _thread.Start();
    }

    /// <summary>The time between looks when nothing nudges; may be changed while waiting (the next look uses it).</summary>
    public TimeSpan Tick
    {
        get => TimeSpan.FromMilliseconds(Interlocked.Read(ref _tickMilliseconds));
        set
        {
            Interlocked.Exchange(ref _tickMilliseconds, (long)value.TotalMilliseconds);
            _event.Set();
        }
    }

    /// <summary>Wakes the current (or the next) wait at once: an attempt finished, or this process wrote something.</summary>
    public void Poke()
    {
        Interlocked.Exchange(ref _poked, 1);
        _event.Set();
    }

    /// <summary>Looks now, and often for a short while (<see cref="BurstTick"/>): something may have changed (a file event).</summary>
    public void Nudge()
    {
        Interlocked.Exchange(ref _burstUntil, Environment.TickCount64 + (long)BurstLength.TotalMilliseconds);
        _event.Set();
    }

    /// <summary>
    /// Completes when poked, when <paramref name="wake"/> returns true, or after <paramref name="longest"/>;
    /// <paramref name="wake"/> is called on the waiter's thread only, one call at a time, so it
    /// may use a connection of its own.
    /// </summary>
    public Task WaitAsync(Func<bool> wake, TimeSpan longest, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)Math.Clamp(longest.TotalMilliseconds, 0, int.MaxValue);
        var armed = new Armed(wake, deadline, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var registration = cancellationToken.Register(() => armed.Done.TrySetCanceled(cancellationToken));
        _ = armed.Done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _armed = armed;
        _event.Set();
        return armed.Done.Task;
    }

    private void Run()
    {
        while (!_stopped)
        {
            _event.WaitOne(NextWait());
            if (_armed is not { } armed)
            {
                continue;
            }

            try
            {
                if (armed.Done.Task.IsCompleted || Interlocked.Exchange(ref _poked, 0) == 1 || Environment.TickCount64 >= armed.Deadline || armed.Wake())
                {
                    _armed = null;
                    armed.Done.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                _armed = null;
                armed.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>The tick, shorter during a burst, and never past the armed wait's deadline.</summary>
    private int NextWait()
    {
        var now = Environment.TickCount64;
        var wait = now < Interlocked.Read(ref _burstUntil) ? (long)BurstTick.TotalMilliseconds : Interlocked.Read(ref _tickMilliseconds);
        if (_armed is { } armed)
        {
            wait = Math.Min(wait, Math.Max(0, armed.Deadline - now));
        }

        return (int)Math.Clamp(wait, 0, int.MaxValue);
    }

    /// <summary>Stops the thread (it no longer looks at anything); a wait armed now never completes on its own. Pokes are still taken.</summary>
    public void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _event.Set();
        _thread.Join();
        _armed?.Done.TrySetCanceled();
    }

    public void Dispose()
    {
        Stop();
        _event.Dispose();
    }

    private sealed record Armed(Func<bool> Wake, long Deadline, TaskCompletionSource Done);
}
