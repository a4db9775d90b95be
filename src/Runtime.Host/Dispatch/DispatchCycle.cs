using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// One dispatch cycle (spec §5.1): lock, pause, boot sweep, pre-claim phases, claim one task and
/// run it through the one pipeline every adapter kind shares. The lock is released on every path.
/// </summary>
internal sealed partial class DispatchCycle(RuntimeCore host)
{
    private readonly RuntimeConfig _config = host.Config;
    private readonly TaskStore _store = host.Tasks;
    private readonly TimeProvider _time = host.Time;

    private string RunnerId => host.RunnerId;

    /// <summary>Steps that run after the boot sweep and before the claim (schedules, workflows, substrate intake).</summary>
    public IList<CyclePhase> PreClaimPhases { get; } = [];

    public async Task<JsonObject> RunOnceAsync(CancellationToken cancellationToken)
    {
        var acquisition = DispatchLock.TryAcquire(_config.LockPath, RunnerId, _time);
        if (acquisition.Cleared is { } stale)
        {
            _store.RecordEvent("dispatch_lock_stale_cleared", null, null, new JsonObject
            {
                ["runner_id"] = RunnerId,
                ["reason"] = stale.Reason,
                ["previous_pid"] = stale.PreviousPid,
                ["previous_runner_id"] = stale.PreviousRunnerId,
            });
        }

        if (!acquisition.Acquired)
        {
            return CycleResults.Locked();
        }

        using var held = acquisition.Lock;
        var pause = new PauseFile(_config.StateDir, _time).Read();
        if (pause.Paused)
        {
            _store.RecordEvent("dispatch_paused", null, null, new JsonObject { ["runner_id"] = RunnerId, ["reason"] = pause.Reason });
            return CycleResults.Paused(pause.Reason);
        }

        _store.BootSweep();
        foreach (var phase in PreClaimPhases)
        {
            await RunPhaseAsync(phase, cancellationToken).ConfigureAwait(false);
        }

        var claimed = _store.Claim();
        if (claimed is null)
        {
            _store.RecordEvent("dispatch_idle", null, null, new JsonObject { ["runner_id"] = RunnerId });
            return CycleResults.Idle();
        }

        return await RunClaimedAsync(claimed, cancellationToken).ConfigureAwait(false);
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
            host.Log.Error(ex, "Cycle phase {Phase} failed; dispatch continues", phase.Name);
            _store.RecordEvent("dispatch_phase_failed", null, null, new JsonObject
            {
                ["runner_id"] = RunnerId,
                ["phase"] = phase.Name,
                ["error"] = $"{ex.GetType().Name}: {ex.Message}",
            });
        }
    }
}
