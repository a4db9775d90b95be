using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// A dispatcher's cycle (spec §5.1): lock, pause, boot sweep (the dispatcher's first cycle only),
/// pre-claim phases, claim one task and run it through the one pipeline every adapter kind shares.
/// The lock is released on every path. One instance is one dispatcher; its cycles run one at a time.
/// </summary>
internal sealed class DispatchCycle(DispatchServices services)
{
    private readonly RuntimeConfig _config = services.Config;
    private readonly TimeProvider _time = services.Time;
    private bool _swept;

    private string RunnerId => services.RunnerId;

    /// <summary>Steps that run after the boot sweep and before the claim (schedules, workflows, substrate intake).</summary>
    public IList<CyclePhase> PreClaimPhases { get; } = [];

    public async Task<JsonObject> RunOnceAsync(CancellationToken cancellationToken)
    {
        var acquisition = DispatchLock.TryAcquire(_config.LockPath, RunnerId, _time);
        if (acquisition.Cleared is { } stale)
        {
            await services.Events.RecordAsync("dispatch_lock_stale_cleared", null, null, new JsonObject
            {
                ["runner_id"] = RunnerId,
                ["reason"] = stale.Reason,
                ["previous_pid"] = stale.PreviousPid,
                ["previous_runner_id"] = stale.PreviousRunnerId,
            }, cancellationToken).ConfigureAwait(false);
        }

        if (!acquisition.Acquired)
        {
            return CycleResults.Locked();
        }

        using var held = acquisition.Lock;
        var pause = new PauseFile(_config.StateDir, _time).Read();
        if (pause.Paused)
        {
            await services.Events.RecordAsync("dispatch_paused", null, null, new JsonObject { ["runner_id"] = RunnerId, ["reason"] = pause.Reason }, cancellationToken)
                .ConfigureAwait(false);
            return CycleResults.Paused(pause.Reason);
        }

        if (!_swept)
        {
            // Once per dispatcher: a sweep at every cycle would reclaim the attempts this process
            // (or another live dispatcher) is still running.
            await services.Queue.BootSweepAsync(runner => RunnerLiveness.IsGone(runner, RunnerId), StrandedTrees.Stop, cancellationToken).ConfigureAwait(false);
            _swept = true;
        }

        await RunPhasesAsync(cancellationToken).ConfigureAwait(false);

        var claimed = await services.Queue.ClaimAsync(cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            await services.Events.RecordAsync("dispatch_idle", null, null, new JsonObject { ["runner_id"] = RunnerId }, cancellationToken).ConfigureAwait(false);
            return CycleResults.Idle();
        }

        return await new AttemptPipeline(services).RunAsync(claimed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the pre-claim phases on their own (a resident dispatcher runs them on its own cadence, not before every claim).</summary>
    public async Task RunPhasesAsync(CancellationToken cancellationToken)
    {
        foreach (var phase in PreClaimPhases)
        {
            await RunPhaseAsync(phase, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A failing phase (a broken schedule row, a workflow that cannot be evaluated) is recorded and
    /// the cycle goes on to claim: one bad producer must not stop dispatch of the whole queue.
    /// </summary>
    private async Task RunPhaseAsync(CyclePhase phase, CancellationToken cancellationToken)
    {
        try
        {
            await phase.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            services.Log.Error(ex, "Cycle phase {Phase} failed; dispatch continues", phase.Name);
            await services.Events.RecordAsync("dispatch_phase_failed", null, null, new JsonObject
            {
                ["runner_id"] = RunnerId,
                ["phase"] = phase.Name,
                ["error"] = $"{ex.GetType().Name}: {ex.Message}",
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
