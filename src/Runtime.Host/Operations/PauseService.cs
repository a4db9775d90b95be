using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Writes or clears <c>&lt;stateDir&gt;/dispatch.paused.json</c> (spec §7.10) and records the same
/// events as the reference's web endpoint. Paused dispatchers claim nothing.
/// </summary>
internal sealed class PauseService(string stateDir, IEventLog events, TimeProvider time)
{
    public Task<PauseResult> PauseAsync(string? reason, CancellationToken cancellationToken) =>
        RecordAsync("dispatch_pause_enabled", new PauseFile(stateDir, time).Pause(reason), cancellationToken);

    public Task<PauseResult> ResumeAsync(CancellationToken cancellationToken) =>
        RecordAsync("dispatch_pause_cleared", new PauseFile(stateDir, time).Resume(), cancellationToken);

    public PauseState Read() => new PauseFile(stateDir, time).Read();

    private async Task<PauseResult> RecordAsync(string eventType, PauseState state, CancellationToken cancellationToken)
    {
        await events.RecordAsync(eventType, null, null, new JsonObject { ["reason"] = state.Reason }, cancellationToken).ConfigureAwait(false);
        return new PauseResult(state);
    }
}
