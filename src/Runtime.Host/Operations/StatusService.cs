using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>The operator's view of the queue: counts by status, the recently updated tasks, the last event (spec §1.2 <c>status</c>).</summary>
internal sealed class StatusService(IStatusQueries queries)
{
    public Task<StatusReport> ReadAsync(CancellationToken cancellationToken) => queries.ReadStatusAsync(cancellationToken);
}
