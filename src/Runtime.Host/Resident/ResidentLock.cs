using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Dispatch;

namespace AgentRuntime.Host.Resident;

/// <summary>The dispatch lock taken once for a resident dispatcher's whole life (a <c>run-once</c> beside it reports <c>dispatch_locked</c>).</summary>
internal static class ResidentLock
{
    /// <summary>The held lock, or null when another dispatcher holds it. A stale lock is cleared and recorded as a cycle does.</summary>
    public static async Task<DispatchLock?> TryAcquireAsync(RuntimeCore core, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(core);
        var acquisition = DispatchLock.TryAcquire(core.Config.LockPath, core.RunnerId, core.Time);
        if (acquisition.Cleared is { } stale)
        {
            await core.Store.RecordAsync("dispatch_lock_stale_cleared", null, null, new JsonObject
            {
                ["runner_id"] = core.RunnerId,
                ["reason"] = stale.Reason,
                ["previous_pid"] = stale.PreviousPid,
                ["previous_runner_id"] = stale.PreviousRunnerId,
            }, cancellationToken).ConfigureAwait(false);
        }

        return acquisition.Acquired ? acquisition.Lock : null;
    }
}
