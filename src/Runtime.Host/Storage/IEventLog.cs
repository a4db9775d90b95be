using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>The <c>run_events</c> log (spec §5.17).</summary>
internal interface IEventLog
{
    /// <summary>Appends an event and returns its id. The detail is stored compact in its insertion order.</summary>
    Task<long> RecordAsync(string eventType, string? taskId, string? attemptId, JsonObject detail, CancellationToken cancellationToken);

    /// <summary>How many events of <paramref name="eventType"/> a task has.</summary>
    Task<int> CountAsync(string taskId, string eventType, CancellationToken cancellationToken);
}
