using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// An operator cancel that was accepted. Ended: spec §2.8's <c>{ ok, task_id, status }</c> with
/// status <c>operator_canceled</c>. Still pending (a running attempt has not stopped within the
/// wait): <c>{ ok, task_id, status: "running", cancel_requested: true }</c>; the request stays
/// recorded and the attempt's process ends the task when it notices it.
/// </summary>
internal sealed record CancelResult(string TaskId, string Status, bool CancelRequested = false)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["ok"] = true,
            ["task_id"] = TaskId,
            ["status"] = Status,
        };
        if (CancelRequested)
        {
            json["cancel_requested"] = true;
        }

        return json;
    }
}
