using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>A task queued by intake (spec §1.2 <c>intake</c> output).</summary>
internal sealed record IntakeResult(string TaskId, string Profile, string AvailableAt)
{
    public static IntakeResult From(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.TaskId, task.RequestedProfile, IsoTime.ToIso(task.AvailableAt));
    }

    public JsonObject ToJson() => new()
    {
        ["queued"] = true,
        ["task_id"] = TaskId,
        ["profile"] = Profile,
        ["available_at"] = AvailableAt,
    };
}
