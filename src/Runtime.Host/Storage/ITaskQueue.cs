namespace AgentRuntime.Host.Storage;

/// <summary>
/// The task queue (spec §3.6, §5.13, §5.15). Every call is its own unit of work: it commits on
/// return and leaves nothing open. Finalize and reschedule are fenced on the attempt. Safe to call
/// from several attempts at once.
/// </summary>
internal interface ITaskQueue
{
    /// <summary>Inserts a validated task as <c>pending</c> and records <c>task_enqueued</c>.</summary>
    Task<TaskRecord> EnqueueAsync(NewTask task, CancellationToken cancellationToken);

    /// <summary>As <see cref="EnqueueAsync"/> unless a task of the same source is still active; then null.</summary>
    Task<TaskRecord?> EnqueueIfNewAsync(NewTask task, CancellationToken cancellationToken);

    /// <summary>Claims the next eligible task with a new running attempt, or returns null when none is claimable.</summary>
    Task<ClaimedTask?> ClaimAsync(CancellationToken cancellationToken);

    /// <summary>Finishes the attempt and the task; changes nothing (and records why) when the attempt no longer owns the task.</summary>
    /// <exception cref="TaskStoreException">The task does not exist.</exception>
    Task<FencedWrite> FinalizeAsync(TaskFinalization finalization, CancellationToken cancellationToken);

    /// <summary>Finishes the attempt and requeues the task; changes nothing (and records why) when the attempt no longer owns the task.</summary>
    /// <exception cref="TaskStoreException">The task does not exist.</exception>
    Task<FencedWrite> RescheduleAsync(TaskReschedule reschedule, CancellationToken cancellationToken);

    /// <summary>Operator cancel of a queued or blocked task.</summary>
    /// <exception cref="TaskStoreException">The task is unknown, running or already terminal.</exception>
    Task<TaskRecord> CancelAsync(string taskId, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Operator cancel of a task that has not ended: queued, retryable or blocked ones (and a running
    /// one with no running attempt) end <c>operator_canceled</c> now; for a running attempt a durable
    /// stop request is recorded for the process running it (B27).
    /// </summary>
    /// <exception cref="TaskStoreException">The task is unknown or already terminal.</exception>
    Task<CancelRequestResult> RequestCancelAsync(string taskId, string? reason, CancellationToken cancellationToken);

    /// <summary>The stop request of a running attempt, or null; cheap enough to poll several times a second.</summary>
    Task<CancelRequest?> GetCancelRequestAsync(string attemptId, CancellationToken cancellationToken);

    /// <summary>Finishes an attempt stopped on request and ends its task <c>operator_canceled</c>; fenced on the attempt.</summary>
    Task<FencedWrite> FinishCanceledAsync(AttemptCancellation cancellation, CancellationToken cancellationToken);

    /// <summary>Reclaims the running attempts of dead runners and their tasks (spec §3.6, reference defect B6 fixed).</summary>
    /// <param name="runnerGone">Whether the runner of an attempt (its id and recorded process identity) is gone; an id that cannot be checked must count as gone.</param>
    /// <param name="stopProcesses">Stops the processes the reclaimed attempts left running (by attempt id and recorded processes), before their tasks are requeued.</param>
    /// <param name="cancellationToken">Cancels before the sweep starts.</param>
    Task<BootSweepResult> BootSweepAsync(Func<RecordedRunner, bool> runnerGone, Action<IReadOnlyList<StrandedAttempt>> stopProcesses, CancellationToken cancellationToken);

    Task<TaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken);
}
