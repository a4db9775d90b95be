using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Sensors;

/// <summary>A row of <c>sensor_events</c> (spec §3.2) as the SensorEventRecord of spec §7.2.</summary>
internal sealed record SensorEventRecord
{
    public required string SensorEventId { get; init; }

    public required string SensorId { get; init; }

    public required string EventId { get; init; }

    public required DateTimeOffset ObservedAt { get; init; }

    public required string SourceRef { get; init; }

    public required string DedupeKey { get; init; }

    public required JsonObject Payload { get; init; }

    public string? TaskId { get; init; }

    public long? WorkflowId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public JsonObject ToJson() => new()
    {
        ["sensor_event_id"] = SensorEventId,
        ["sensor_id"] = SensorId,
        ["event_id"] = EventId,
        ["observed_at"] = IsoTime.ToIso(ObservedAt),
        ["source_ref"] = SourceRef,
        ["dedupe_key"] = DedupeKey,
        ["payload"] = Payload.DeepClone(),
        ["task_id"] = TaskId,
        ["workflow_id"] = WorkflowId,
        ["created_at"] = IsoTime.ToIso(CreatedAt),
    };
}
