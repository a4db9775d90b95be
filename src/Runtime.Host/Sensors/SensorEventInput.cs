using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;

namespace AgentRuntime.Host.Sensors;

/// <summary>A validated SensorEventInput (spec §7.2).</summary>
internal sealed record SensorEventInput
{
    public required string SensorId { get; init; }

    public required string EventId { get; init; }

    /// <summary>The instant, to the millisecond, or null for "now".</summary>
    public DateTimeOffset? ObservedAt { get; init; }

    public required string SourceRef { get; init; }

    public required string DedupeKey { get; init; }

    public required JsonObject Payload { get; init; }

    public TaskInput? ProposedTask { get; init; }

    public ProposedWorkflow? ProposedWorkflow { get; init; }
}
