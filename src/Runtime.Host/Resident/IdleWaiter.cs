namespace AgentRuntime.Host.Resident;

/// <summary>
/// Where the resident loop sleeps between iterations. One dedicated thread looks, every
/// <see cref="ResidentDispatcher.Tick"/> (or at once when <see cref="Poke"/>d), whether the armed
/// waiter's condition holds, and completes its wait when it does. The thread blocks in the kernel
/// between looks: timer-driven async waits cost a thread-pool hop, and the pool's spinning after it,
/// at every tick, which is most of an idle dispatcher's CPU.
/// </summary>
internal sealed class IdleWaiter : IDisposable
{
    private readonly AutoResetEvent _event = new(false);
    private readonly Thread _thread;
    private readonly TimeSpan _tick;
    private volatile Armed? _armed;
    private volatile bool _stopped;
    private int _poked;

    public IdleWaiter(TimeSpan tick)
    {
        _tick = tick;
        _thread = new Thread(Run) { IsBackground = true, Name = "agent-runtime idle waiter" };
        _thread.Start();
    }

    /// <summary>Wakes the current (or the next) wait at once: an attempt finished, or this process wrote something.</summary>
    public void Poke()
    {
        Interlocked.Exchange(ref _poked, 1);
        _event.Set();
    }

    /// <summary>
    /// Completes when poked or when <paramref name="wake"/> returns true; it is called on the
    /// waiter's thread only, one call at a time, so it may use a connection of its own.
    /// </summary>
    public Task WaitAsync(Func<bool> wake, CancellationToken cancellationToken)
    {
        var armed = new Armed(wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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
            _event.WaitOne(_tick);
            if (_armed is not { } armed)
            {
                continue;
            }

            try
            {
                if (armed.Done.Task.IsCompleted || Interlocked.Exchange(ref _poked, 0) == 1 || armed.Wake())
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

    private sealed record Armed(Func<bool> Wake, TaskCompletionSource Done);
}
