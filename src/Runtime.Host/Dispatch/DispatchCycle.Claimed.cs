using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Host.Storage;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Dispatch;

internal sealed partial class DispatchCycle
{
    /// <summary>
    /// Everything after the claim. Any exception here (a plugin, the file system, a bug) finalizes
    /// the attempt instead of leaving the task <c>running</c> until the next boot sweep (reference
    /// defect B19); only a database failure, which cannot be recorded, escapes.
    /// </summary>
    private async Task<JsonObject> RunClaimedAsync(ClaimedTask claimed, CancellationToken cancellationToken)
    {
        var task = claimed.Task;
        var attemptId = claimed.Attempt.AttemptId;
        try
        {
            return await RunPipelineAsync(task, attemptId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The dispatcher itself was stopped: not the task's fault, so the attempt is refunded.
            _store.Reschedule(new TaskReschedule
            {
                TaskId = task.TaskId,
                Error = "dispatch was interrupted before the attempt finished",
                AvailableAt = _time.GetUtcNow(),
                RefundAttempt = true,
                Attempt = new AttemptFinish
                {
                    AttemptId = attemptId,
                    ExitStatus = ExitStatus.Error,
                    Diagnostics = new JsonObject { ["reason"] = "dispatch_interrupted" },
                },
            });
            throw;
        }
        catch (Exception ex) when (ex is not Microsoft.Data.Sqlite.SqliteException)
        {
            var message = $"runtime error while running the attempt: {ex.GetType().Name}: {ex.Message}";
            return RetryOrBlock(task, attemptId, message, new AttemptFinish
            {
                AttemptId = attemptId,
                ExitStatus = ExitStatus.Error,
                Diagnostics = new JsonObject { ["reason"] = "runtime_exception", ["error"] = message },
            }, bundle: null);
        }
    }

    private async Task<JsonObject> RunPipelineAsync(TaskRecord task, string attemptId, CancellationToken cancellationToken)
    {
        var inputIssues = InputArtifactVerifier.Verify(task.Payload, _config.ArtifactDir);
        if (inputIssues.Count > 0)
        {
            var joined = string.Join("; ", inputIssues);
            Finalize(task, null, Outcome("blocked", $"Rejected task before execution: {joined}", "blocked", joined), joined,
                Rejected(attemptId, new JsonObject { ["reason"] = "input_verification_failed", ["input_issues"] = CycleResults.Strings(inputIssues) }));
            return CycleResults.InputRejected(task.TaskId, inputIssues);
        }

        Profile profile;
        try
        {
            profile = ProfileLoader.Load(_config, task.RequestedProfile);
        }
        catch (ProfileException ex)
        {
            return CompileFailed(task, attemptId, ex.Message, "profile_load_failed");
        }

        var requested = RequestedAdapter(task, profile);
        if (_config.FindAdapter(requested) is null)
        {
            var summary = $"Unknown adapter: {requested}";
            Finalize(task, null, Outcome("permanent_failure", summary, "failed", null), summary,
                Rejected(attemptId, new JsonObject { ["reason"] = "adapter_not_found", ["adapter_id"] = requested }));
            return CycleResults.Failed("permanent_failure", task.TaskId);
        }

        var selection = await new AdapterSelector(host.Adapters, _time).SelectAsync(requested, cancellationToken).ConfigureAwait(false);
        RecordFallback(task, attemptId, selection);
        var entry = _config.FindAdapter(selection.SelectedAdapter)!;
        _store.UpdateAttemptAdapter(attemptId, entry.Id, entry.Mode ?? "", entry.Model);
        var binding = host.Adapters.Bind(entry);
        var (adapter, problem) = host.Adapters.GetAdapter(binding);
        if (adapter is null)
        {
            var summary = $"Adapter {entry.Id} cannot run on this host: {problem}";
            Finalize(task, null, Outcome("permanent_failure", summary, "failed", null), summary,
                Rejected(attemptId, new JsonObject { ["reason"] = "adapter_unavailable", ["adapter_id"] = entry.Id, ["error"] = problem }));
            return CycleResults.Failed("permanent_failure", task.TaskId, attemptId);
        }

        CompiledBundle bundle;
        try
        {
            bundle = BundleCompiler.Compile(new BundleInputs
            {
                Config = _config,
                Task = task,
                Profile = profile,
                Adapter = entry,
                Workflow = WorkflowSnapshot(task.Payload),
                Now = _time.GetUtcNow(),
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return CompileFailed(task, attemptId, ex.Message, "bundle_compile_failed");
        }

        RecordBundle(task, attemptId, bundle);
        return await ExecuteAsync(task, attemptId, profile, entry, adapter, bundle, cancellationToken).ConfigureAwait(false);
    }

    private string RequestedAdapter(TaskRecord task, Profile profile)
    {
        if (!string.IsNullOrEmpty(task.RequestedAdapter))
        {
            return task.RequestedAdapter;
        }

        return profile.DefaultAdapter is { } preferred && _config.FindAdapter(preferred) is not null ? preferred : _config.DefaultAdapter;
    }

    private JsonObject CompileFailed(TaskRecord task, string attemptId, string message, string reason)
    {
        Finalize(task, null, Outcome("blocked", $"Bundle compilation failed: {message}", "blocked", message), message,
            Rejected(attemptId, new JsonObject { ["reason"] = reason, ["error"] = message }));
        return CycleResults.Failed("blocked", task.TaskId);
    }

    private void RecordFallback(TaskRecord task, string attemptId, AdapterSelection selection)
    {
        if (!selection.FellBack)
        {
            return;
        }

        _store.RecordEvent("adapter_fallback_used", task.TaskId, attemptId, new JsonObject
        {
            ["runner_id"] = RunnerId,
            ["requested_adapter"] = selection.RequestedAdapter,
            ["selected_adapter"] = selection.SelectedAdapter,
            ["chain"] = selection.Chain.DeepClone(),
        });
        host.RunLog.Write("adapter_fallback_used", new JsonObject
        {
            ["task_id"] = task.TaskId,
            ["attempt_id"] = attemptId,
            ["requested_adapter"] = selection.RequestedAdapter,
            ["selected_adapter"] = selection.SelectedAdapter,
            ["chain"] = selection.Chain.DeepClone(),
        });
    }

    private void RecordBundle(TaskRecord task, string attemptId, CompiledBundle bundle)
    {
        _store.InsertBundle(new NewBundle
        {
            BundleId = bundle.BundleId,
            TaskId = task.TaskId,
            AttemptId = attemptId,
            BundleHash = bundle.Hash,
            AgentId = bundle.AgentId,
            ProfileId = bundle.ProfileId ?? task.RequestedProfile,
            AdapterId = bundle.AdapterId,
            Model = bundle.Model,
            ReplayGrade = bundle.ReplayGrade,
            RelativePath = bundle.RelativePath,
            PromptRelativePath = bundle.PromptRelativePath,
            PromptPath = bundle.PromptAbsolutePath,
            CreatedAt = bundle.CreatedAt,
        });
        host.RunLog.Write("bundle_compiled", new JsonObject
        {
            ["task_id"] = task.TaskId,
            ["attempt_id"] = attemptId,
            ["bundle_id"] = bundle.BundleId,
            ["bundle_hash"] = bundle.Hash,
            ["replay_grade"] = bundle.ReplayGrade,
        });
    }
}
