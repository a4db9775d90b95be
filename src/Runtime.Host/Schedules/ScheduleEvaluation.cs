using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Schedules;

/// <summary>The result of one due-schedule evaluation (spec §7.1 step 4).</summary>
internal sealed record ScheduleEvaluation(int SchedulesEvaluated, IReadOnlyList<string> TaskIds)
{
    public int TasksCreated => TaskIds.Count;

    /// <summary>The <c>schedule-tick</c> output, in the reference key order.</summary>
    public JsonObject ToJson() => new()
    {
        ["schedulesEvaluated"] = SchedulesEvaluated,
        ["tasksCreated"] = TasksCreated,
        ["taskIds"] = new JsonArray([.. TaskIds.Select(id => (JsonNode?)JsonValue.Create(id))]),
    };
}
