using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Schedules;
using AgentRuntime.Host.Storage;
using Serilog;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Recurring schedules (spec §1.2, §7.1): create or update one by name (a bad field throws
/// <see cref="ScheduleInputException"/>), and evaluate the due ones now or at a given instant.
/// </summary>
internal sealed class ScheduleService(RuntimeConfig config, TaskStore tasks, TimeProvider time, ILogger log)
{
    public ScheduleUpsert Upsert(JsonNode? input)
    {
        var parsed = ScheduleInputParser.Parse(input, config.Profiles.Select(p => p.Key).ToList(), tasks.Options, time.GetUtcNow());
        return new ScheduleUpsert(new ScheduleStore(tasks, time).Upsert(parsed));
    }

    /// <summary>Every schedule, enabled first, then the soonest due, then by name.</summary>
    public IReadOnlyList<RecurringSchedule> List() => new ScheduleStore(tasks, time).ListAll();

    /// <summary>Enqueues at most one task per due schedule, as of <paramref name="at"/> (default now).</summary>
    public ScheduleEvaluation Tick(DateTimeOffset? at) => new ScheduleEvaluator(tasks, time, log).Evaluate(at);
}
