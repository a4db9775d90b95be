using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Dispatch.Text;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Plugins;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Host.Storage;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Dispatch;

internal sealed partial class DispatchCycle
{
    private async Task<JsonObject> ExecuteAsync(
        TaskRecord task, string attemptId, Profile profile, AdapterEntry entry, GuardedAdapter adapter, CompiledBundle bundle, CancellationToken cancellationToken)
    {
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
                Payload = System.Text.Json.JsonSerializer.SerializeToElement(task.Payload),
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
            Settings = System.Text.Json.JsonSerializer.SerializeToElement(entry.Settings),
            Profile = new ProfileSnapshot
            {
                ProfileId = profile.ProfileId ?? task.RequestedProfile,
                Style = profile.Style,
                Document = System.Text.Json.JsonSerializer.SerializeToElement(profile.Document),
            },
            Prompt = prompt,
            Paths = new RuntimePaths
            {
                StateDirectory = _config.StateDir,
                ArtifactDirectory = _config.ArtifactDir,
                WorkingDirectory = Environment.CurrentDirectory,
            },
            RuntimeName = _config.RuntimeName,
            Timeout = AttemptTimeout.For(entry, _config),
        };

        var sink = new LoggingSink(host.Log, task.TaskId, attemptId, entry.Id);
        var result = await adapter.ExecuteAsync(request, sink, cancellationToken).ConfigureAwait(false);

        var audit = AuditWriter.Write(
            AuditWriter.PathsFor(_config.ArtifactDir, task.TaskId, attemptId),
            new AuditContext(task.TaskId, attemptId, bundle.BundleId, entry.Id, entry.Kind!, prompt),
            result);
        var diagnostics = result.Diagnostics?.DeepClone().AsObject() ?? [];
        audit.AddTo(diagnostics);
        var exitStatus = AttemptValues.ToText(result.ExitStatus);
        var retryClass = AttemptValues.ToText(result.RetryClass);
        host.RunLog.Write("adapter_result", new JsonObject
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
            RetryClass.Retryable => RetryOrBlock(task, attemptId, result.RawOutput, finish, bundle),
            RetryClass.Permanent => FinalizeRaw(task, "permanent_failure", "failed", result.RawOutput, finish, bundle),
            _ => HandleOutcome(task, entry, result.RawOutput, finish, bundle),
        };
    }

    /// <summary>Spec §5.9: retry with the fixed backoff while attempts remain, else block with the last output.</summary>
    private JsonObject RetryOrBlock(TaskRecord task, string attemptId, string rawOutput, AttemptFinish finish, CompiledBundle? bundle)
    {
        if (task.AttemptCount < task.MaxAttempts)
        {
            _store.Reschedule(new TaskReschedule { TaskId = task.TaskId, Error = rawOutput, Attempt = finish with { RetryClass = RetryClass.Retryable } });
            return CycleResults.Failed("retryable_failure", task.TaskId, attemptId);
        }

        return FinalizeRaw(task, "blocked", "blocked", rawOutput, finish with { RetryClass = RetryClass.Retryable }, bundle);
    }

    private JsonObject FinalizeRaw(TaskRecord task, string status, string machineStatus, string rawOutput, AttemptFinish finish, CompiledBundle? bundle)
    {
        var outcome = Outcome(status, JsText.Slice(rawOutput, 4000), machineStatus, rawOutput);
        Finalize(task, bundle, outcome, rawOutput, finish);
        return CycleResults.Failed(status, task.TaskId, finish.AttemptId);
    }
}
