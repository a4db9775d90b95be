using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Operations;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Web.Stream;

/// <summary>
/// What the stream reads from the runtime: the event log forwards from a cursor, and the state and
/// status payloads (spec §2.3, §2.13) that ride along with each frame. Each read takes a pooled
/// connection of its own, so the broadcaster and clients reading their backlog do not share one.
/// </summary>
internal sealed class StreamSource(SqliteRuntimeStore store, RuntimeConfig config, TimeProvider time)
{
    public long NewestEventId() => store.Read(s => s.NewestEventId());

    public IReadOnlyList<RunEventRecord> EventsAfter(long after, int limit) => store.Read(s => s.EventsAfter(after, limit));

    /// <summary>The <c>dashboard</c> frame: the state payload plus the runtime policy.</summary>
    public JsonObject Dashboard()
    {
        var state = State(store.Read(s => s.ReadStatus()));
        state["runtime_policy"] = config.RuntimePolicy;
        return state;
    }

    /// <summary>The <c>status</c> and <c>state</c> of an <c>events</c> frame, from one status read.</summary>
    public (JsonObject Status, JsonObject State) Snapshot()
    {
        var report = store.Read(s => s.ReadStatus());
        var counts = Counts(report);
        var status = new JsonObject
        {
            ["runtime_state"] = counts["running"]!.GetValue<long>() > 0 ? "running" : "idle",
            ["counts"] = counts,
            ["last_event"] = LastEvent(report),
            ["recent"] = StatusReportJson.ToJson(report)["recent"]!.DeepClone(),
        };
        return (status, State(report));
    }

    /// <summary>A <c>RunEvent</c> as <c>/api/events</c> renders it (spec §2.10): the detail parsed.</summary>
    public static JsonObject EventJson(RunEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new JsonObject
        {
            ["id"] = record.Id,
            ["event_type"] = record.EventType,
            ["task_id"] = record.TaskId,
            ["attempt_id"] = record.AttemptId,
            ["detail"] = ParseDetail(record.DetailJson),
            ["created_at"] = IsoTime.ToIso(record.CreatedAt),
        };
    }

    /// <summary>The state payload (spec §2.3).</summary>
    private JsonObject State(StatusReport report)
    {
        var pause = new PauseFile(config.StateDir, time).Read();
        var counts = Counts(report);
        var runtimeState = pause.Paused ? "paused" : counts["running"]!.GetValue<long>() > 0 ? "running" : "idle";
        return new JsonObject
        {
            ["runtime_name"] = config.RuntimeName,
            ["runtime_state"] = runtimeState,
            ["counts"] = counts,
            ["dispatch_paused"] = new JsonObject { ["paused"] = pause.Paused, ["reason"] = pause.Reason, ["updated_at"] = pause.UpdatedAt },
            ["last_event"] = LastEvent(report),
        };
    }

    /// <summary>Every known status defaults to 0; unknown statuses are ignored; queued = pending + retryable.</summary>
    private static JsonObject Counts(StatusReport report)
    {
        long Count(string status) => report.Counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
        return new JsonObject
        {
            ["queued"] = Count(TaskStatuses.Pending) + Count(TaskStatuses.RetryableFailure),
            ["running"] = Count(TaskStatuses.Running),
            ["completed"] = Count(TaskStatuses.Completed),
            ["blocked"] = Count(TaskStatuses.Blocked),
            ["retryable_failure"] = Count(TaskStatuses.RetryableFailure),
            ["permanent_failure"] = Count(TaskStatuses.PermanentFailure),
            ["operator_canceled"] = Count(TaskStatuses.OperatorCanceled),
        };
    }

    private static JsonObject? LastEvent(StatusReport report) => report.LastEvent is { } e
        ? new JsonObject
        {
            ["event_type"] = e.EventType,
            ["task_id"] = e.TaskId,
            ["attempt_id"] = e.AttemptId,
            ["created_at"] = IsoTime.ToIso(e.CreatedAt),
        }
        : null;

    private static JsonNode? ParseDetail(string text)
    {
        try
        {
            return JsJson.Parse(text);
        }
        catch (JsonException)
        {
            // A hand-edited row must not end every client's stream; the raw text is not JSON, so say nothing.
            return null;
        }
    }
}
