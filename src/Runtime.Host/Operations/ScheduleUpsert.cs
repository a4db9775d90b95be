using System.Text.Json.Nodes;
using AgentRuntime.Host.Schedules;

namespace AgentRuntime.Host.Operations;

/// <summary>A schedule created or updated by name (<c>schedule-create</c>).</summary>
internal sealed record ScheduleUpsert(RecurringSchedule Schedule)
{
    public JsonObject ToJson() => new() { ["upserted"] = true, ["schedule"] = Schedule.ToJson() };
}
