using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Schedules;

/// <summary>A row of <c>schedules</c> (spec §3.2), as the RecurringScheduleRecord of spec §7.1.</summary>
internal sealed record RecurringSchedule
{
    public required string ScheduleId { get; init; }

    public required string Name { get; init; }

    public required bool Enabled { get; init; }

    public required long IntervalSeconds { get; init; }

    public required DateTimeOffset NextRunAt { get; init; }

    public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>The stored TaskInput JSON (<c>task_json</c>), as the operator wrote it.</summary>
    public required JsonObject Task { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The record in the reference key order.</summary>
    public JsonObject ToJson() => new()
    {
        ["schedule_id"] = ScheduleId,
        ["name"] = Name,
        ["enabled"] = Enabled,
        ["interval_seconds"] = IntervalSeconds,
        ["next_run_at"] = IsoTime.ToIso(NextRunAt),
        ["last_run_at"] = LastRunAt is { } last ? IsoTime.ToIso(last) : null,
        ["task"] = Task.DeepClone(),
        ["created_at"] = IsoTime.ToIso(CreatedAt),
        ["updated_at"] = IsoTime.ToIso(UpdatedAt),
    };
}
