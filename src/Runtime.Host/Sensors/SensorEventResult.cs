using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Sensors;

/// <summary>The outcome of ingesting a sensor event (spec §1.2 <c>sensor-event</c> output).</summary>
internal sealed record SensorEventResult(bool Accepted, string? TaskId, long? WorkflowId, SensorEventRecord? Event)
{
    public static SensorEventResult Deduped { get; } = new(false, null, null, null);

    public JsonObject ToJson() => new()
    {
        ["accepted"] = Accepted,
        ["task_id"] = TaskId,
        ["workflow_id"] = WorkflowId,
        ["event"] = Event?.ToJson(),
    };
}
