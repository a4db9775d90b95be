using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Secrets;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// The API's TaskSummary (spec §2.9) plus two keys at the end the reference lacked:
/// <c>requested_adapter</c> (null when the task leaves the choice to profile and config) and
/// <c>adapter</c> (the latest attempt's adapter, or null). Payload values under secret-looking
/// keys are shown as <c>***</c> (<see cref="SecretSources.MaskPayload"/>).
/// </summary>
internal static class TaskSummaryJson
{
    public static JsonObject ToJson(ListedTask listed, SecretNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var task = listed.Task;
        var outcome = task.Outcome;
        return new JsonObject
        {
            ["task_id"] = task.TaskId,
            ["kind"] = task.Kind,
            ["source"] = task.Source,
            ["subject"] = task.Subject,
            ["description"] = task.Description,
            ["priority"] = task.Priority,
            ["payload"] = SecretSources.MaskPayload(task.Payload, names ?? SecretNames.Default),
            ["status"] = task.Status,
            ["requested_profile"] = task.RequestedProfile,
            ["created_at"] = IsoTime.ToIso(task.CreatedAt),
            ["updated_at"] = IsoTime.ToIso(task.UpdatedAt),
            ["started_at"] = IsoTime.ToIso(task.StartedAt),
            ["finished_at"] = IsoTime.ToIso(task.FinishedAt),
            ["attempt_count"] = task.AttemptCount,
            ["max_attempts"] = task.MaxAttempts,
            ["available_at"] = IsoTime.ToIso(task.AvailableAt),
            ["last_error"] = task.LastError,
            ["artifact_paths"] = outcome?["artifact_paths"]?.DeepClone() ?? new JsonArray(),
            ["operator_summary"] = outcome?["operator_summary"]?.DeepClone(),
            ["machine_status"] = outcome?["machine_status"]?.DeepClone(),
            ["requested_adapter"] = task.RequestedAdapter.Length > 0 ? task.RequestedAdapter : null,
            ["adapter"] = listed.LatestAdapter,
        };
    }
}
