using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Storage;

/// <summary>Read-only queries over the queue: the <c>status</c> report and lookups the pipeline needs.</summary>
internal interface IStatusQueries
{
    /// <summary>The <c>status</c> report (spec §1.2), index-backed at any table size.</summary>
    Task<StatusReport> ReadStatusAsync(CancellationToken cancellationToken);

    Task<RunEventSummary?> LastEventAsync(CancellationToken cancellationToken);

    /// <summary>The workflow with this id, or null (spec §5.7 step 3: the bundle's workflow snapshot).</summary>
    Task<WorkflowRecord?> GetWorkflowAsync(long workflowId, CancellationToken cancellationToken);
}
