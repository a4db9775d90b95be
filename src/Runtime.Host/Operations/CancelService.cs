using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Operator cancel of a queued or blocked task (spec §5.15). A refusal (unknown id, running,
/// already terminal) throws <see cref="TaskStoreException"/> with the spec's message.
/// </summary>
internal sealed class CancelService(TaskStore tasks)
{
    public CancelResult Cancel(string taskId, string? reason)
    {
        var task = tasks.Cancel(taskId, reason);
        return new CancelResult(task.TaskId, task.Status);
    }
}
