using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Operator cancel of a queued or blocked task (spec §5.15). A refusal (unknown id, running,
/// already terminal) throws <see cref="TaskStoreException"/> with the spec's message.
/// </summary>
internal sealed class CancelService(ITaskQueue queue)
{
    public async Task<CancelResult> CancelAsync(string taskId, string? reason, CancellationToken cancellationToken)
    {
        var task = await queue.CancelAsync(taskId, reason, cancellationToken).ConfigureAwait(false);
        return new CancelResult(task.TaskId, task.Status);
    }
}
