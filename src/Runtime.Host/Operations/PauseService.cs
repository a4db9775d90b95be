using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Writes or clears <c>&lt;stateDir&gt;/dispatch.paused.json</c> (spec §7.10) and records the same
/// events as the reference's web endpoint. Paused dispatchers claim nothing.
/// </summary>
internal sealed class PauseService(string stateDir, TaskStore tasks, TimeProvider time)
{
    public PauseResult Pause(string? reason) => Record("dispatch_pause_enabled", new PauseFile(stateDir, time).Pause(reason));

    public PauseResult Resume() => Record("dispatch_pause_cleared", new PauseFile(stateDir, time).Resume());

    public PauseState Read() => new PauseFile(stateDir, time).Read();

    private PauseResult Record(string eventType, PauseState state)
    {
        tasks.RecordEvent(eventType, null, null, new JsonObject { ["reason"] = state.Reason });
        return new PauseResult(state);
    }
}
