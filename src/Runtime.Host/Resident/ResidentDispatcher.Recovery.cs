using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Storage;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Resident;

/// <summary>
/// What keeps a resident dispatcher alive through a hostile environment: a database locked past
/// its busy timeout, read-only or on a full disk, or state files that cannot be written. A one-shot
/// dispatcher may fail and leave recovery to the next cycle's boot sweep; a resident one is that next
/// cycle, so it waits and tries again instead of stopping, and it records the attempts whose outcome
/// could not be written once the database takes writes again, instead of leaving them <c>running</c>
/// until it restarts.
/// </summary>
internal sealed partial class ResidentDispatcher
{
    /// <summary>Cancelled when the dispatcher stops: an attempt's end is then no longer waited for (<see cref="PatientOutcomeQueue"/>).</summary>
    private readonly CancellationTokenSource _stopping = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A failure of the surroundings (database or file system) that may go away on its own or by an operator's hand.</summary>
    private static bool IsEnvironmentFailure(Exception exception) =>
        StoreFailure.Is(exception) || exception is IOException or UnauthorizedAccessException;

    private string Problem(Exception exception) =>
        StoreFailure.Is(exception) ? StoreFailure.Describe(exception, _core.Config.DbPath) : exception.Message;

    /// <summary>Waits <see cref="BackOff.After"/> the <paramref name="failures"/>-th failure in a row.</summary>
    private async Task BackOffAsync(Exception exception, int failures, string what, CancellationToken stoppingToken)
    {
        var delay = BackOff.After(failures);
        _services.Log.Warning("{What} failed: {Problem}; trying again in {Delay} s", what, Problem(exception), delay.TotalSeconds);
        await Task.Delay(delay, Time, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>The boot sweep, tried again while another process holds the database's write lock: a lock is no reason not to start.</summary>
    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                await _services.Queue.BootSweepAsync(runner => RunnerLiveness.IsGone(runner, _services.RunnerId), StrandedTrees.Stop, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (StoreFailure.IsBusy(ex) && !cancellationToken.IsCancellationRequested)
            {
                await BackOffAsync(ex, failures, "The boot sweep", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The pipeline could not write the attempt's end (the database refused the write): requeue the
    /// task with the attempt refunded (the environment failed, not the task) as soon as the database
    /// takes writes again. The queue is the <see cref="PatientOutcomeQueue"/>, which tries the write
    /// until the database takes it and gives up only when the dispatcher stops; the attempt is then
    /// left to the next boot sweep.
    /// </summary>
    private async Task RecordUnrecordedAsync(ClaimedTask claimed, Exception failure, CancellationToken stoppingToken)
    {
        var problem = Problem(failure);
        try
        {
            await BackOffAsync(failure, 1, $"Recording attempt {claimed.Attempt.AttemptId} of task {claimed.Task.TaskId}", stoppingToken).ConfigureAwait(false);
            await _services.Queue.RescheduleAsync(new TaskReschedule
            {
                TaskId = claimed.Task.TaskId,
                Error = $"the attempt's outcome could not be recorded: {problem}",
                RefundAttempt = true,
                Attempt = new AttemptFinish
                {
                    AttemptId = claimed.Attempt.AttemptId,
                    ExitStatus = ExitStatus.Error,
                    RetryClass = RetryClass.Retryable,
                    Diagnostics = new JsonObject { ["reason"] = "outcome_not_recorded", ["error"] = problem },
                },
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreFailure.Is(ex) || (ex is OperationCanceledException && stoppingToken.IsCancellationRequested))
        {
            // Stopping: the next boot sweep recovers the attempt.
        }
    }
}
