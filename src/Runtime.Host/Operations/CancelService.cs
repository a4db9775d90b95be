using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Operator cancel (spec §5.15, reference defect B27 fixed). A queued, retryable or blocked task
/// ends <c>operator_canceled</c> at once. A running task gets a durable stop request, which the
/// process running its attempt notices within a second: it stops the adapter's process tree and
/// ends the task. This service waits, bounded, until that has happened (on the injected clock);
/// an attempt whose runner is certainly dead is ended here at once. A refusal (unknown id,
/// already terminal) throws <see cref="TaskStoreException"/> with the spec's message and changes nothing.
/// </summary>
internal sealed class CancelService(ITaskQueue queue, IAttemptLog attempts, TimeProvider time)
{
    /// <summary>How long <see cref="CancelAsync(string, string?, CancellationToken)"/> waits for a running attempt to stop.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public Task<CancelResult> CancelAsync(string taskId, string? reason, CancellationToken cancellationToken) =>
        CancelAsync(taskId, reason, DefaultWait, cancellationToken);

    /// <param name="taskId">The task to cancel.</param>
    /// <param name="reason">Free text; trimmed, and blank means none.</param>
    /// <param name="wait">How long to wait for a running attempt to stop; zero returns at once with the request recorded.</param>
    /// <param name="cancellationToken">Stops the wait; a recorded request stays recorded.</param>
    public async Task<CancelResult> CancelAsync(string taskId, string? reason, TimeSpan wait, CancellationToken cancellationToken)
    {
        var requested = await queue.RequestCancelAsync(taskId, reason, cancellationToken).ConfigureAwait(false);
        if (requested.Request is null)
        {
            return new CancelResult(requested.Task.TaskId, requested.Task.Status);
        }

        if (await EndIfRunnerGoneAsync(requested.Request, cancellationToken).ConfigureAwait(false) is { } ended)
        {
            return ended;
        }

        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var task = await queue.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
                ?? throw new TaskStoreException($"task not found: {taskId}");
            switch (task.Status)
            {
                case TaskStatuses.OperatorCanceled:
                    return new CancelResult(task.TaskId, task.Status);
                case TaskStatuses.Completed or TaskStatuses.PermanentFailure:
                    // The attempt ended on its own before it noticed the request.
                    throw new TaskStoreException($"task is already terminal: {task.Status}");
                case TaskStatuses.Running:
                    break;
                default:
                    // The attempt ended blocked (or was requeued by another writer): cancel it as queued.
                    return await CancelAsync(taskId, reason, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }

            if (time.GetUtcNow() >= deadline)
            {
                return new CancelResult(task.TaskId, task.Status, CancelRequested: true);
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A running attempt whose process is certainly gone (this host's runner, dead pid) will never
    /// notice the request: its attempt and task are ended here instead of waiting for the next
    /// dispatcher's boot sweep. Null when the runner may still be alive.
    /// </summary>
    private async Task<CancelResult?> EndIfRunnerGoneAsync(CancelRequest request, CancellationToken cancellationToken)
    {
        var attempt = await attempts.GetAttemptAsync(request.AttemptId, cancellationToken).ConfigureAwait(false);
        if (attempt is null || !RunnerLiveness.IsProvenGone(attempt.RunnerId))
        {
            return null;
        }

        var write = await queue.FinishCanceledAsync(
            new AttemptCancellation
            {
                TaskId = request.TaskId,
                AttemptId = request.AttemptId,
                Diagnostics = new JsonObject { ["reason"] = "operator_canceled", ["runner_gone"] = attempt.RunnerId },
            },
            CancellationToken.None).ConfigureAwait(false);
        return write.Applied ? new CancelResult(write.Task.TaskId, write.Task.Status) : null;
    }
}
