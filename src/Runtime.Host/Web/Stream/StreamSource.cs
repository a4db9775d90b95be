using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Operations;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Web.Stream;

/// <summary>
/// What the stream reads from the runtime: the event log forwards from a cursor, and the state and
/// status payloads (spec §2.3, §2.13) that ride along with each frame. Each read takes a pooled
/// connection of its own, so the broadcaster and clients reading their backlog do not share one.
/// </summary>
internal sealed class StreamSource(SqliteRuntimeStore store, RuntimeConfig config, PauseService pause)
{
    public long NewestEventId() => store.Read(s => s.NewestEventId());

    public IReadOnlyList<RunEvent> EventsAfter(long after, int limit) => store.Read(s => s.EventsAfter(after, limit));

    /// <summary>The <c>dashboard</c> frame: the state payload (as <c>/api/state</c>) plus the runtime policy.</summary>
    public JsonObject Dashboard()
    {
        var state = ReadState().ToJson();
        state["runtime_policy"] = config.RuntimePolicy;
        return state;
    }

    /// <summary>The <c>status</c> and <c>state</c> of an <c>events</c> frame, from one status read.</summary>
    public (JsonObject Status, JsonObject State) Snapshot()
    {
        var state = ReadState();
        var status = new JsonObject
        {
            // Unlike the state's, the status's runtime_state ignores the pause (as the reference's did).
            ["runtime_state"] = state.Count(TaskStatuses.Running) > 0 ? "running" : "idle",
            ["counts"] = state.CountsJson(),
            ["last_event"] = state.LastEventJson(),
            ["recent"] = StatusReportJson.ToJson(state.Status)["recent"]!.DeepClone(),
        };
        return (status, state.ToJson());
    }

    private DashboardState ReadState() => new(config.RuntimeName, store.Read(s => s.ReadStatus()), pause.Read());
}
