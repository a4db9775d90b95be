using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Systemd;
using Microsoft.Extensions.Hosting;

namespace AgentRuntime.Host.Resident;

/// <summary>
/// The resident dispatcher of <c>serve</c>: the boot sweep once, then claims whenever there is room
/// (up to <c>maxConcurrentAttempts</c>, each attempt through the one <see cref="AttemptPipeline"/>)
/// and sleeps until there may be work again. The caller holds the dispatch lock for its lifetime.
/// <para>
/// How it wakes, without busy polling: when a file watch nudges it (<see cref="DatabaseFileWatch"/>:
/// a commit appends to the WAL) and every <see cref="WatchedTick"/>, or every <see cref="Tick"/>
/// where no watch runs, it reads <c>PRAGMA data_version</c>
/// on one held connection (<see cref="DataVersionWatch"/>), which changes when any other connection
/// commits — CLI <c>intake</c> in another process, the web API in this one, a sensor event, a
/// workflow step — so new work is seen within one tick, and the read costs microseconds and no
/// table access; it runs on a thread of its own that sleeps in the kernel between looks
/// (<see cref="IdleWaiter"/>). A timer covers what no commit announces: the next <c>available_at</c>
/// of a waiting task (a backoff expiring) and the next schedule due time. An attempt finishing
/// wakes it directly.
/// inotify alone was rejected: a WAL write comes before its commit is visible, <c>-shm</c> changes
/// through shared memory, which no event reports, and it does not see writers on other hosts'
/// mounts; so an event only makes the waiter look (at once, then often for a moment), and
/// <c>data_version</c> decides. A plain poll of the claim query would cost a write transaction per poll.
/// </para>
/// Schedules and workflow evaluation run at start, when a schedule comes due, after an attempt
/// finishes or another connection commits (at most every <see cref="PhaseGap"/>), and every
/// <see cref="PhaseInterval"/>; never before a claim (the loop claims first).
/// </summary>
internal sealed partial class ResidentDispatcher : BackgroundService
{
    /// <summary>How often the database's change counter and the pause file are looked at while idle, when no file watch runs.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(25);

    /// <summary>The same look while the file watch runs (<see cref="DatabaseFileWatch"/>): a safety net, since a commit nudges the waiter at once.</summary>
    public static readonly TimeSpan WatchedTick = TimeSpan.FromMilliseconds(250);

    /// <summary>The cadence of schedule and workflow evaluation when nothing else prompts it (workflow rules that depend on time alone).</summary>
    public static readonly TimeSpan PhaseInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a commit by another connection (a workflow created or moved, a task queued), schedule
    /// and workflow evaluation run again, but at most this often, so a busy queue does not pay for
    /// them at every claim.
    /// </summary>
    public static readonly TimeSpan PhaseGap = TimeSpan.FromMilliseconds(250);

    private readonly RuntimeCore _core;
    private readonly DispatchServices _services;
    private readonly DispatchCycle _phases;
    private readonly AdapterSlots _slots;
    private readonly IdleWaiter _waiter = new(Tick);
    private readonly SystemdWatchdog? _watchdog;

    /// <summary>Another connection committed, or an attempt finished, since schedules and workflows were last evaluated.</summary>
    private volatile bool _evaluationPending;

    public ResidentDispatcher(RuntimeCore core, SystemdWatchdog? watchdog = null)
    {
        ArgumentNullException.ThrowIfNull(core);
        _core = core;
        _watchdog = watchdog;
        _slots = new AdapterSlots(core.Config);
        _services = core.Dispatch() with
        {
            AdapterSlots = _slots,
            Queue = new PatientOutcomeQueue(core.Store, core.Config.DbPath, core.Log, core.Time, _stopping.Token),
        };
        _phases = core.CreateDispatchCycle();
        MaxConcurrentAttempts = core.Config.MaxConcurrentAttempts;
    }

    public int MaxConcurrentAttempts { get; }

    private TimeProvider Time => _services.Time;

    /// <summary>The boot sweep, then the loop. The sweep is part of starting: the host reports started (systemd's READY=1) only after it.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            using var watch = new DataVersionWatch(_core.Store.OpenConnection());
            using var files = DatabaseFileWatch.Start(_core.Config.DbPath, new PauseFile(_core.Config.StateDir, Time).Path, _waiter, WatchedTick, _services.Log);
            try
            {
                await LoopAsync(watch, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                // Its thread looks at the watch: stopped before the watch's connection closes.
                _waiter.Stop();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the running attempts see the same token and requeue their tasks.
        }
        finally
        {
            await DrainAsync().ConfigureAwait(false);
        }
    }

    private async Task LoopAsync(DataVersionWatch watch, CancellationToken stoppingToken)
    {
        var pauseFile = new PauseFile(_core.Config.StateDir, Time);
        var lastPhases = DateTimeOffset.MinValue;
        DateTimeOffset? lastScheduleRun = null;
        bool? wasPaused = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A turn of the loop is its health: a hung phase or claim stops the systemd watchdog's pings.
                _watchdog?.Beat();
                var pause = pauseFile.Read();
                if (pause.Paused != wasPaused)
                {
                    wasPaused = pause.Paused;
                    await RecordPauseAsync(pause.Paused, pause.Reason, stoppingToken).ConfigureAwait(false);
                }

                // Claim first: work that woke the loop starts before any evaluation runs.
                var drained = !pause.Paused && await ClaimWhileRoomAsync(stoppingToken).ConfigureAwait(false);
                var now = Time.GetUtcNow();
                var scheduleDue = _core.Store.Read(s => s.NextScheduleDueAt());
                failures = 0;

                // As a paused run-once, a paused dispatcher evaluates nothing. A schedule that stays due
                // (its row cannot be fired) is retried on the cadence, not at every wake.
                var scheduleFires = scheduleDue <= now && scheduleDue != lastScheduleRun;
                var pendingDue = _evaluationPending && now >= lastPhases + PhaseGap;
                if (!pause.Paused && (pendingDue || scheduleFires || now >= lastPhases + PhaseInterval))
                {
                    _evaluationPending = false;
                    lastScheduleRun = scheduleDue <= now ? scheduleDue : null;
                    await _phases.RunPhasesAsync(stoppingToken).ConfigureAwait(false);
                    lastPhases = Time.GetUtcNow();

                    // Straight back to the claim: the phases may have queued tasks.
                    continue;
                }

                var taskDue = drained ? _core.Store.Read(s => s.NextAvailableAt()) : null;
                // Paused, a commit (resume records an event) or the pause file going away wakes it, and
                // the cadence still turns the loop (the watchdog's beat) without evaluating anything.
                var wakeAt = pause.Paused
                    ? now + PhaseInterval
                    : Earliest(lastPhases + PhaseInterval, scheduleDue > now ? scheduleDue : null, taskDue, _evaluationPending ? lastPhases + PhaseGap : null);
                await WaitAsync(watch, pauseFile.Path, pause.Paused, wakeAt - now, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEnvironmentFailure(ex) && !stoppingToken.IsCancellationRequested)
            {
                // The database is locked past its busy timeout, read-only or full, or a state file
                // cannot be written: the dispatcher waits and tries again rather than stopping.
                await BackOffAsync(ex, ++failures, "The dispatch loop", stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Sleeps until a commit by another connection, an attempt finishing, the pause file changing, or
    /// <paramref name="longest"/> has passed. While every slot is taken a commit does not wake it:
    /// nothing could be claimed, and the attempts' own commits would turn the loop at each one.
    /// </summary>
    private Task WaitAsync(DataVersionWatch watch, string pausePath, bool paused, TimeSpan longest, CancellationToken stoppingToken)
    {
        return _waiter.WaitAsync(ShouldWake, longest, stoppingToken);

        bool ShouldWake()
        {
            if (watch.Changed())
            {
                _evaluationPending = true;
                if (Running < MaxConcurrentAttempts)
                {
                    return true;
                }
            }

            return File.Exists(pausePath) != paused;
        }
    }

    /// <summary>
    /// Wakes the loop now: this process wrote something that may make work (a write through serve's web API).
    /// The commit would be seen at the next <see cref="Tick"/> anyway; this saves the wait.
    /// </summary>
    public void Wake()
    {
        _evaluationPending = true;
        _waiter.Poke();
    }

    private async Task RecordPauseAsync(bool paused, string? reason, CancellationToken cancellationToken)
    {
        if (paused)
        {
            _services.Log.Information("Dispatch is paused ({Reason}); claiming nothing until it is resumed", reason);
            await _services.Events.RecordAsync("dispatch_paused", null, null, new JsonObject { ["runner_id"] = _services.RunnerId, ["reason"] = reason }, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset first, params DateTimeOffset?[] others) =>
        others.Aggregate(first, (earliest, next) => next is { } at && at < earliest ? at : earliest);

    public override void Dispose()
    {
        base.Dispose();
        _stopping.Dispose();
        _waiter.Dispose();
        _slots.Dispose();
    }
}
