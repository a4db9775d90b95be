using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Schedules;

/// <summary>A validated RecurringScheduleInput (spec §7.1).</summary>
internal sealed record ScheduleInput
{
    public string? ScheduleId { get; init; }

    public required string Name { get; init; }

    public required long IntervalSeconds { get; init; }

    /// <summary>The TaskInput JSON to store, validated like intake; its <c>source</c> may be empty.</summary>
    public required JsonObject Task { get; init; }

    /// <summary>Normalized ISO text, or null when the input gave none.</summary>
    public string? NextRunAt { get; init; }

    public required bool Enabled { get; init; }
}
