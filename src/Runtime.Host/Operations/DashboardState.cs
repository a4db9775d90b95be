using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>The operator dashboard's state payload (spec §2.3): <c>/api/state</c> and the stream's <c>dashboard</c> frame.</summary>
internal sealed record DashboardState(string RuntimeName, StatusReport Status, PauseState Pause)
{
    /// <summary>Every known status, in the payload's key order; unknown statuses in the database are left out.</summary>
    private static readonly string[] CountedStatuses =
        [TaskStatuses.Running, TaskStatuses.Completed, TaskStatuses.Blocked, TaskStatuses.RetryableFailure, TaskStatuses.PermanentFailure, TaskStatuses.OperatorCanceled];

    /// <summary><c>paused</c> when the pause file says so, else <c>running</c> when a task runs, else <c>idle</c>.</summary>
    public string RuntimeState => Pause.Paused ? "paused" : Count(TaskStatuses.Running) > 0 ? "running" : "idle";

    public long Count(string status) => Status.Counts.Where(c => c.Status == status).Sum(c => c.Count);

    /// <summary><c>{ queued, running, completed, blocked, retryable_failure, permanent_failure, operator_canceled }</c>; queued = pending + retryable_failure.</summary>
    public JsonObject CountsJson()
    {
        var counts = new JsonObject { ["queued"] = Count(TaskStatuses.Pending) + Count(TaskStatuses.RetryableFailure) };
        foreach (var status in CountedStatuses)
        {
            counts[status] = Count(status);
        }

        return counts;
    }

    /// <summary>The last event as the dashboard shows it, or null.</summary>
    public JsonObject? LastEventJson() => Status.LastEvent is { } e
        ? new JsonObject
        {
            ["event_type"] = e.EventType,
            ["task_id"] = e.TaskId,
            ["attempt_id"] = e.AttemptId,
            ["created_at"] = IsoTime.ToIso(e.CreatedAt),
        }
        : null;

    public JsonObject ToJson() => new()
    {
        ["runtime_name"] = RuntimeName,
        ["runtime_state"] = RuntimeState,
        ["counts"] = CountsJson(),
        ["dispatch_paused"] = new JsonObject
        {
            ["paused"] = Pause.Paused,
            ["reason"] = Pause.Reason,
            ["updated_at"] = Pause.UpdatedAt,
        },
        ["last_event"] = LastEventJson(),
    };
}
