using System.Text.Json.Nodes;
using AgentRuntime.Host.Operations;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Web.Stream;

/// <summary>
/// One poll's new events with the status and state read alongside them, rendered once as an
/// <c>events</c> frame that every client up to date receives as is.
/// </summary>
internal sealed class StreamBatch
{
    private readonly JsonObject _status;
    private readonly JsonObject _state;

    private StreamBatch(IReadOnlyList<RunEvent> events, JsonObject status, JsonObject state)
    {
        Events = events;
        _status = status;
        _state = state;
        Frame = Render(events);
    }

    /// <summary>The events, oldest first; never empty.</summary>
    public IReadOnlyList<RunEvent> Events { get; }

    public long LastId => Events[^1].Id;

    /// <summary>The whole batch as one <c>events</c> frame.</summary>
    public byte[] Frame { get; }

    public static StreamBatch Create(IReadOnlyList<RunEvent> events, (JsonObject Status, JsonObject State) snapshot)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("a batch holds at least one event", nameof(events));
        }

        return new StreamBatch(events, snapshot.Status, snapshot.State);
    }

    /// <summary>
    /// The frame for a client whose cursor is <paramref name="cursor"/>: the shared frame, only the
    /// events after the cursor (a client that has just read its backlog overlaps a batch), or null
    /// when it has them all already.
    /// </summary>
    public byte[]? FrameAfter(long cursor)
    {
        if (cursor < Events[0].Id)
        {
            return Frame;
        }

        var fresh = Events.Where(e => e.Id > cursor).ToList();
        return fresh.Count == 0 ? null : Render(fresh);
    }

    private byte[] Render(IReadOnlyList<RunEvent> events)
    {
        var payload = new JsonObject { ["events"] = RunEventJson.ToJson(events), ["status"] = _status.DeepClone(), ["state"] = _state.DeepClone() };
        return SseFrame.Event(events[^1].Id, "events", payload);
    }
}
