using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Host.Secrets;
using AgentRuntime.Host.Storage;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// Everything after the claim, for one attempt (spec §5.1 steps 5 onwards): input check, profile,
/// adapter selection, bundle, execution, outcome. Holds no mutable state, so one instance may run
/// several attempts at once; every write goes through the queue port, fenced on the attempt.
/// </summary>
internal sealed partial class AttemptPipeline(DispatchServices services)
{
    private readonly RuntimeConfig _config = services.Config;
    private readonly TimeProvider _time = services.Time;

    private string RunnerId => services.RunnerId;

    /// <summary>
    /// Runs a claimed attempt to its end and returns the cycle result. Any exception (a plugin,
    /// the file system, a bug) finalizes the attempt instead of leaving the task <c>running</c>
    /// until the next boot sweep (reference defect B19); only a database failure, which cannot be
    /// recorded, escapes.
    /// </summary>
    public async Task<JsonObject> RunAsync(ClaimedTask claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        return await RunClaimedAsync(claimed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Everything after the claim. Any exception here (a plugin, the file system, a bug) finalizes
    /// the attempt instead of leaving the task <c>running</c> until the next boot sweep (reference
    /// defect B19); only a database failure, which cannot be recorded, escapes.
    /// </summary>
    private async Task<JsonObject> RunClaimedAsync(ClaimedTask claimed, CancellationToken cancellationToken)
    {
        var task = claimed.Task;
        var attemptId = claimed.Attempt.AttemptId;

        // One masker per attempt: everything the attempt persists or prints passes through it.
        var masker = SecretSources.ForAttempt(_config, task.Payload);
        try
        {
            return await RunPipelineAsync(task, attemptId, masker, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The dispatcher itself was stopped: not the task's fault, so the attempt is refunded.
            // CancellationToken.None: the caller's token is already cancelled, and the refund must still be written.
            await services.Queue.RescheduleAsync(new TaskReschedule
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
            }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (!StoreFailure.Is(ex))
        {
            var message = masker.Apply($"runtime error while running the attempt: {ex.GetType().Name}: {ex.Message}");
            return await RetryOrBlockAsync(task, attemptId, message, new AttemptFinish
            {
                AttemptId = attemptId,
                ExitStatus = ExitStatus.Error,
                Diagnostics = new JsonObject { ["reason"] = "runtime_exception", ["error"] = message },
            }, bundle: null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<JsonObject> RunPipelineAsync(TaskRecord task, string attemptId, SecretMasker masker, CancellationToken cancellationToken)
    {
        var inputIssues = InputArtifactVerifier.Verify(task.Payload, _config.ArtifactDir);
        if (inputIssues.Count > 0)
        {
            var joined = string.Join("; ", inputIssues);
            await FinalizeAsync(task, null, Outcome(TaskStatuses.Blocked, $"Rejected task before execution: {joined}", OutcomeStatuses.MachineBlocked, joined), joined,
                Rejected(attemptId, new JsonObject { ["reason"] = "input_verification_failed", ["input_issues"] = CycleResults.Strings(inputIssues) }), cancellationToken).ConfigureAwait(false);
            return CycleResults.InputRejected(task.TaskId, inputIssues);
        }

        Profile profile;
        try
        {
            profile = ProfileLoader.Load(_config, task.RequestedProfile);
        }
        catch (ProfileException ex)
        {
            return await CompileFailedAsync(task, attemptId, masker.Apply(ex.Message), "profile_load_failed", cancellationToken).ConfigureAwait(false);
        }

        var requested = RequestedAdapter(task, profile);
        if (_config.FindAdapter(requested) is null)
        {
            var summary = $"Unknown adapter: {requested}";
            await FinalizeAsync(task, null, Outcome(TaskStatuses.PermanentFailure, summary, OutcomeStatuses.MachineFailed, null), summary,
                Rejected(attemptId, new JsonObject { ["reason"] = "adapter_not_found", ["adapter_id"] = requested }), cancellationToken).ConfigureAwait(false);
            return CycleResults.Failed(TaskStatuses.PermanentFailure, task.TaskId);
        }

        var selection = await new AdapterSelector(services.Adapters.Value, _time, services.ProbeCache).SelectAsync(requested, cancellationToken).ConfigureAwait(false);
        await RecordFallbackAsync(task, attemptId, selection, cancellationToken).ConfigureAwait(false);
        return await RunSelectedAsync(task, attemptId, profile, _config.FindAdapter(selection.SelectedAdapter)!, masker, cancellationToken).ConfigureAwait(false);
    }

    private string RequestedAdapter(TaskRecord task, Profile profile)
    {
        if (!string.IsNullOrEmpty(task.RequestedAdapter))
        {
            return task.RequestedAdapter;
        }

        return profile.DefaultAdapter is { } preferred && _config.FindAdapter(preferred) is not null ? preferred : _config.DefaultAdapter;
    }

    private async Task<JsonObject> CompileFailedAsync(TaskRecord task, string attemptId, string message, string reason, CancellationToken cancellationToken)
    {
        await FinalizeAsync(task, null, Outcome(TaskStatuses.Blocked, $"Bundle compilation failed: {message}", OutcomeStatuses.MachineBlocked, message), message,
            Rejected(attemptId, new JsonObject { ["reason"] = reason, ["error"] = message }), cancellationToken).ConfigureAwait(false);
        return CycleResults.Failed(TaskStatuses.Blocked, task.TaskId);
    }

    private async Task RecordFallbackAsync(TaskRecord task, string attemptId, AdapterSelection selection, CancellationToken cancellationToken)
    {
        if (!selection.FellBack)
        {
            return;
        }

        await services.Events.RecordAsync("adapter_fallback_used", task.TaskId, attemptId, new JsonObject
        {
            ["runner_id"] = RunnerId,
            ["requested_adapter"] = selection.RequestedAdapter,
            ["selected_adapter"] = selection.SelectedAdapter,
            ["chain"] = selection.Chain.DeepClone(),
        }, cancellationToken).ConfigureAwait(false);
        services.RunLog.Write("adapter_fallback_used", new JsonObject
        {
            ["task_id"] = task.TaskId,
            ["attempt_id"] = attemptId,
            ["requested_adapter"] = selection.RequestedAdapter,
            ["selected_adapter"] = selection.SelectedAdapter,
            ["chain"] = selection.Chain.DeepClone(),
        });
    }

    private async Task RecordBundleAsync(TaskRecord task, string attemptId, CompiledBundle bundle, AttemptAdapter adapter, CancellationToken cancellationToken)
    {
        await services.Attempts.RecordBundleAsync(new NewBundle
        {
            AttemptAdapter = adapter,
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
        }, cancellationToken).ConfigureAwait(false);
        services.RunLog.Write("bundle_compiled", new JsonObject
        {
            ["task_id"] = task.TaskId,
            ["attempt_id"] = attemptId,
            ["bundle_id"] = bundle.BundleId,
            ["bundle_hash"] = bundle.Hash,
            ["replay_grade"] = bundle.ReplayGrade,
        });
    }
}
