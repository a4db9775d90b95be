using System.Text.Json.Nodes;
using AgentRuntime.Host.Storage;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Dispatch;

/// <summary>The adapter run itself: live output, the processes it starts, and an operator's stop request (B27).</summary>
internal sealed partial class AttemptPipeline
{
    /// <summary>
    /// Runs the adapter under a token that an operator's stop request cancels (<see cref="CancelWatcher"/>),
    /// with its output appended to the audit directory as it comes (<see cref="LiveOutputSink"/>).
    /// Returns the result, or no result and the request when the operator stopped it; the files are
    /// closed and the watch is over either way. The dispatcher's own cancellation still propagates.
    /// </summary>
    private async Task<(ExecutionResult? Result, CancelRequest? Stop)> RunAdapterAsync(
        TaskRecord task, string attemptId, AttemptRun run, ExecutionRequest request, AuditPaths paths, CancellationToken cancellationToken)
    {
        await using var watcher = CancelWatcher.Start(services.Queue, attemptId, _time, services.Log, cancellationToken);
        using var live = new LiveOutputSink(paths, new LoggingSink(services.Log, task.TaskId, attemptId, run.Entry.Id));
        var sink = new ProcessReportSink(new MaskedSink(run.Masker, live), services.Attempts, attemptId, services.Log);
        try
        {
            return (await run.Adapter.ExecuteAsync(request, sink, watcher.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && watcher.Request is { } stop)
        {
            return (null, stop);
        }
        finally
        {
            await sink.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records an attempt the operator stopped: attempt finished with exit status <c>canceled</c>,
    /// task <c>operator_canceled</c>. Written whatever the dispatcher's token says: the adapter is
    /// already stopped, and the task must not stay <c>running</c>.
    /// </summary>
    private async Task<JsonObject> FinishCanceledAsync(TaskRecord task, string attemptId, AuditPaths paths, CancelRequest stop)
    {
        var stdout = File.Exists(paths.Stdout) ? paths.Stdout : null;
        var stderr = File.Exists(paths.Stderr) ? paths.Stderr : null;
        var diagnostics = new JsonObject
        {
            ["reason"] = "operator_canceled",
            ["cancel_reason"] = stop.Reason,
            ["audit_dir"] = paths.Directory,
            ["stdout_path"] = stdout,
            ["stderr_path"] = stderr,
        };
        var write = await services.Queue.FinishCanceledAsync(
            new AttemptCancellation { TaskId = task.TaskId, AttemptId = attemptId, StdoutPath = stdout, StderrPath = stderr, Diagnostics = diagnostics },
            CancellationToken.None).ConfigureAwait(false);
        services.RunLog.Write("adapter_result", new JsonObject
        {
            ["task_id"] = task.TaskId,
            ["attempt_id"] = attemptId,
            ["exit_status"] = TaskStore.CanceledExitStatus,
            ["retry_class"] = "none",
            ["diagnostics"] = diagnostics.DeepClone(),
        });
        return CycleResults.Failed(write.Applied ? TaskStatuses.OperatorCanceled : write.Task.Status, task.TaskId, attemptId);
    }
}
