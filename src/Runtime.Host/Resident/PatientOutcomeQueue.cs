using System.Runtime.ExceptionServices;
using AgentRuntime.Host.Storage;
using Serilog;

namespace AgentRuntime.Host.Resident;

/// <summary>
/// The queue port of a resident dispatcher's attempts, which writes an attempt's end (finalize,
/// reschedule, operator stop) until the database takes it: while another process holds the write
/// lock past the busy wait, or the disk is full, the outcome waits (1 s, doubling to 15 s) instead
/// of being lost. A lost outcome would leave the task <c>running</c>, or, requeued, run it a second
/// time although it had finished. Everything else passes through. Gives up when the dispatcher
/// stops; the next boot sweep then recovers the attempt.
/// </summary>
internal sealed class PatientOutcomeQueue(ITaskQueue inner, string dbPath, ILogger log, TimeProvider time, CancellationToken stopping) : ITaskQueue
{
    public Task<FencedWrite> FinalizeAsync(TaskFinalization finalization, CancellationToken cancellationToken) =>
        UntilWrittenAsync(() => inner.FinalizeAsync(finalization, cancellationToken), finalization.TaskId);

    public Task<FencedWrite> RescheduleAsync(TaskReschedule reschedule, CancellationToken cancellationToken) =>
        UntilWrittenAsync(() => inner.RescheduleAsync(reschedule, cancellationToken), reschedule.TaskId);

    public Task<FencedWrite> FinishCanceledAsync(AttemptCancellation cancellation, CancellationToken cancellationToken) =>
        UntilWrittenAsync(() => inner.FinishCanceledAsync(cancellation, cancellationToken), cancellation.TaskId);

    public Task<TaskRecord> EnqueueAsync(NewTask task, CancellationToken cancellationToken) => inner.EnqueueAsync(task, cancellationToken);

    public Task<TaskRecord?> EnqueueIfNewAsync(NewTask task, CancellationToken cancellationToken) => inner.EnqueueIfNewAsync(task, cancellationToken);

    public Task<ClaimedTask?> ClaimAsync(CancellationToken cancellationToken) => inner.ClaimAsync(cancellationToken);

    public Task<TaskRecord> CancelAsync(string taskId, string? reason, CancellationToken cancellationToken) => inner.CancelAsync(taskId, reason, cancellationToken);

    public Task<CancelRequestResult> RequestCancelAsync(string taskId, string? reason, CancellationToken cancellationToken) => inner.RequestCancelAsync(taskId, reason, cancellationToken);

    public Task<CancelRequest?> GetCancelRequestAsync(string attemptId, CancellationToken cancellationToken) => inner.GetCancelRequestAsync(attemptId, cancellationToken);

    public Task<BootSweepResult> BootSweepAsync(Func<RecordedRunner, bool> runnerGone, Action<IReadOnlyList<StrandedAttempt>> stopProcesses, CancellationToken cancellationToken) =>
        inner.BootSweepAsync(runnerGone, stopProcesses, cancellationToken);

    public Task<TaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken) => inner.GetTaskAsync(taskId, cancellationToken);

    private async Task<FencedWrite> UntilWrittenAsync(Func<Task<FencedWrite>> write, string taskId)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await write().ConfigureAwait(false);
            }
            catch (Exception ex) when (StoreFailure.Is(ex) && !stopping.IsCancellationRequested)
            {
                var delay = BackOff.After(failures);
                log.Warning("The end of an attempt of task {TaskId} could not be written: {Problem}; trying again in {Delay} s", taskId, StoreFailure.Describe(ex, dbPath), delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: the write fails as it did, and the next boot sweep recovers the attempt.
                    ExceptionDispatchInfo.Capture(ex).Throw();
                    throw;
                }
            }
        }
    }
}
