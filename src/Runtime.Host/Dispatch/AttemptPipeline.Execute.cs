using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Dispatch.Text;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Plugins;
using AgentRuntime.Host.Storage;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Dispatch;

internal sealed partial class AttemptPipeline
{
    private async Task<JsonObject> ExecuteAsync(TaskRecord task, string attemptId, AttemptRun run, CancellationToken cancellationToken)
    {
        var (profile, entry, _, bundle, masker) = run;
        // The adapter gets exactly the persisted prompt (spec §5.1 step 14).
        var prompt = await File.ReadAllTextAsync(bundle.PromptAbsolutePath, cancellationToken).ConfigureAwait(false);
        var request = new ExecutionRequest
        {
            Task = new TaskSnapshot
            {
                TaskId = task.TaskId,
                Kind = task.Kind,
                Source = task.Source,
                Subject = task.Subject,
                Description = task.Description,
                Priority = task.Priority,
                Payload = JsonElements.From(task.Payload),
                PayloadJson = JsJson.Serialize(task.Payload),
                RequestedProfile = task.RequestedProfile,
                RequestedAdapter = task.RequestedAdapter,
                AttemptCount = task.AttemptCount,
                MaxAttempts = task.MaxAttempts,
            },
            AttemptId = attemptId,
            BundleId = bundle.BundleId,
            AdapterId = entry.Id,
            Kind = entry.Kind!,
            Settings = JsonElements.From(entry.Settings),
            Profile = new ProfileSnapshot
            {
                ProfileId = profile.ProfileId ?? task.RequestedProfile,
                Style = profile.Style,
                Document = JsonElements.From(profile.Document),
            },
            Prompt = prompt,
            Paths = new RuntimePaths
            {
                StateDirectory = _config.StateDir,
                ArtifactDirectory = _config.ArtifactDir,
                WorkingDirectory = services.WorkingDirectory,
            },
            RuntimeName = _config.RuntimeName,
            Timeout = AttemptTimeout.For(entry, _config),
        };

        var paths = AuditWriter.PathsFor(_config.ArtifactDir, task.TaskId, attemptId);
        var (returned, stop) = await RunAdapterAsync(task, attemptId, run, request, paths, cancellationToken).ConfigureAwait(false);
        if (returned is null)
        {
            return await FinishCanceledAsync(task, attemptId, paths, stop!).ConfigureAwait(false);
        }

        var result = ResultMasking.Apply(returned, masker);

        var audit = AuditWriter.Write(
            paths,
            new AuditContext(task.TaskId, attemptId, bundle.BundleId, entry.Id, entry.Kind!, prompt),
            result);
        var diagnostics = result.Diagnostics?.DeepClone().AsObject() ?? [];
        audit.AddTo(diagnostics);
        var exitStatus = AttemptValues.ToText(result.ExitStatus);
        var retryClass = AttemptValues.ToText(result.RetryClass);
        services.RunLog.Write("adapter_result", new JsonObject
        {
            ["task_id"] = task.TaskId,
            ["attempt_id"] = attemptId,
            ["exit_status"] = exitStatus,
            ["retry_class"] = retryClass,
            ["diagnostics"] = diagnostics.DeepClone(),
        });

        var finish = new AttemptFinish
        {
            AttemptId = attemptId,
            ExitStatus = result.ExitStatus,
            RetryClass = result.RetryClass,
            PromptPath = audit.Prompt,
            StdoutPath = audit.Stdout,
            StderrPath = audit.Stderr,
            ResultPath = audit.Result,
            Diagnostics = diagnostics,
        };

        return result.RetryClass switch
        {
            RetryClass.Retryable => await RetryOrBlockAsync(task, attemptId, result.RawOutput, finish, bundle, cancellationToken).ConfigureAwait(false),
            RetryClass.Permanent => await FinalizeRawAsync(task, TaskStatuses.PermanentFailure, OutcomeStatuses.MachineFailed, result.RawOutput, finish, bundle, cancellationToken).ConfigureAwait(false),
            _ => await HandleOutcomeAsync(task, entry, result.RawOutput, finish, bundle, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Spec §5.9: retry with the fixed backoff while attempts remain, else block with the last output.</summary>
    private async Task<JsonObject> RetryOrBlockAsync(
        TaskRecord task, string attemptId, string rawOutput, AttemptFinish finish, CompiledBundle? bundle, CancellationToken cancellationToken)
    {
        if (task.AttemptCount < task.MaxAttempts)
        {
            var write = await services.Queue.RescheduleAsync(
                new TaskReschedule { TaskId = task.TaskId, Error = rawOutput, Attempt = finish with { RetryClass = RetryClass.Retryable } },
                cancellationToken).ConfigureAwait(false);

            // An operator's stop request that came as the attempt failed ends the task instead of requeueing it.
            var status = write.Task.Status == TaskStatuses.OperatorCanceled ? TaskStatuses.OperatorCanceled : TaskStatuses.RetryableFailure;
            return CycleResults.Failed(status, task.TaskId, attemptId);
        }

        return await FinalizeRawAsync(task, TaskStatuses.Blocked, OutcomeStatuses.MachineBlocked, rawOutput, finish with { RetryClass = RetryClass.Retryable }, bundle, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<JsonObject> FinalizeRawAsync(
        TaskRecord task, string status, string machineStatus, string rawOutput, AttemptFinish finish, CompiledBundle? bundle, CancellationToken cancellationToken)
    {
        var outcome = Outcome(status, JsText.Slice(rawOutput, 4000), machineStatus, rawOutput);
        await FinalizeAsync(task, bundle, outcome, rawOutput, finish, cancellationToken).ConfigureAwait(false);
        return CycleResults.Failed(status, task.TaskId, finish.AttemptId);
    }
}
