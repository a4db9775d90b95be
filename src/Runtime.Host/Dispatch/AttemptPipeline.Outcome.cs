using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch.Artifacts;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Dispatch.RetryHints;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Dispatch;

internal sealed partial class AttemptPipeline
{
    /// <summary>
    /// Spec §5.9 steps for a clean exit: normalize, write runtime artifacts, reschedule on a
    /// rate-limit hint (capped: reference defect B3), back off a model-declared retryable failure
    /// (B25), verify a completed outcome, finalize.
    /// </summary>
    private async Task<JsonObject> HandleOutcomeAsync(
        TaskRecord task, AdapterEntry entry, string rawOutput, AttemptFinish finish, CompiledBundle bundle, CancellationToken cancellationToken)
    {
        var attemptId = finish.AttemptId;
        var outcome = OutcomeNormalizer.Normalize(rawOutput);
        if (outcome.Status == OutcomeStatuses.Completed)
        {
            var written = ArtifactWriter.Write(_config.ArtifactDir, task, outcome);
            outcome = outcome with { ArtifactPaths = (outcome.ArtifactPaths ?? []).Concat(written).Distinct(StringComparer.Ordinal).ToList() };
        }

        if (outcome.Status == OutcomeStatuses.Blocked && RetryHintExtractor.Extract(outcome, entry.RetryHintService) is { } hint)
        {
            var used = await services.Events.CountAsync(task.TaskId, "rate_limit_rescheduled", cancellationToken).ConfigureAwait(false);
            if (used < _config.MaxRateLimitRetries)
            {
                return await RescheduleForHintAsync(task, attemptId, outcome, hint, finish, cancellationToken).ConfigureAwait(false);
            }

            outcome = outcome with
            {
                OperatorSummary = $"Rate-limit retries exhausted after {used} reschedules: {outcome.OperatorSummary}",
            };
            finish = finish with { Diagnostics = With(finish.Diagnostics, ("reason", "rate_limit_retries_exhausted"), ("rate_limit_reschedules", used)) };
        }

        if (outcome.Status == OutcomeStatuses.RetryableFailure)
        {
            if (task.AttemptCount < task.MaxAttempts)
            {
                await services.Queue.RescheduleAsync(new TaskReschedule
                {
                    TaskId = task.TaskId,
                    Error = outcome.OperatorSummary,
                    Attempt = finish with { RetryClass = RetryClass.Retryable, Diagnostics = With(finish.Diagnostics, ("reason", "model_retryable_failure")) },
                }, cancellationToken).ConfigureAwait(false);
                return CycleResults.Failed(TaskStatuses.RetryableFailure, task.TaskId, attemptId);
            }

            outcome = outcome with { Status = OutcomeStatuses.Blocked, MachineStatus = OutcomeStatuses.MachineBlocked, OperatorSummary = $"Retries exhausted: {outcome.OperatorSummary}" };
        }

        var issues = OutcomeVerifier.Verify(outcome, task.Payload, _config.ArtifactDir, services.WorkingDirectory);
        if (issues.Count > 0)
        {
            var joined = string.Join("; ", issues);
            var failed = new CanonicalOutcome
            {
                Status = OutcomeStatuses.Blocked,
                OperatorSummary = $"Verification failed: {joined}",
                MachineStatus = OutcomeStatuses.MachineBlocked,
                ArtifactPaths = outcome.ArtifactPaths ?? [],
                RawOutput = rawOutput,
            };
            await FinalizeAsync(task, bundle, failed, joined, finish with
            {
                ExitStatus = finish.ExitStatus == ExitStatus.Ok ? ExitStatus.Error : finish.ExitStatus,
                RetryClass = RetryClass.Permanent,
                Diagnostics = With(finish.Diagnostics, ("reason", "outcome_verification_failed"), ("verification_issues", CycleResults.Strings(issues))),
            }, cancellationToken).ConfigureAwait(false);
            return CycleResults.VerificationFailed(task.TaskId, attemptId, issues);
        }

        await FinalizeAsync(task, bundle, outcome, null, finish with { RetryClass = RetryClass.None }, cancellationToken).ConfigureAwait(false);
        return CycleResults.Finalized(outcome.Status, task.TaskId, attemptId);
    }

    private async Task<JsonObject> RescheduleForHintAsync(
        TaskRecord task, string attemptId, CanonicalOutcome outcome, RetryHint hint, AttemptFinish finish, CancellationToken cancellationToken)
    {
        var availableAt = _time.GetUtcNow().AddSeconds(hint.AfterSeconds);
        var rescheduled = await services.Queue.RescheduleAsync(new TaskReschedule
        {
            TaskId = task.TaskId,
            Error = outcome.OperatorSummary,
            AvailableAt = availableAt,
            RefundAttempt = true,
            Attempt = finish with
            {
                ExitStatus = ExitStatus.Error,
                RetryClass = RetryClass.Retryable,
                Diagnostics = With(finish.Diagnostics, ("reason", "rate_limit_retry"), ("retry_hint_source", hint.Source), ("retry_after_seconds", hint.AfterSeconds)),
            },
        }, cancellationToken).ConfigureAwait(false);

        // A write the fence ignored has already been recorded; the rate-limit event would describe a reschedule that did not happen.
        if (rescheduled.Applied)
        {
            await services.Events.RecordAsync("rate_limit_rescheduled", task.TaskId, attemptId, new JsonObject
            {
                ["runner_id"] = RunnerId,
                ["retry_after_seconds"] = hint.AfterSeconds,
                ["retry_hint_source"] = hint.Source,
                ["available_at"] = IsoTime.ToIso(rescheduled.Task.AvailableAt),
            }, cancellationToken).ConfigureAwait(false);
        }

        return CycleResults.RateLimited(task.TaskId, attemptId, hint.AfterSeconds, IsoTime.ToIso(rescheduled.Task.AvailableAt));
    }

    /// <summary>The one way the cycle finalizes a task: its outcome, the attempt's end, and the bundle when there is one.</summary>
    private Task<FencedWrite> FinalizeAsync(
        TaskRecord task, CompiledBundle? bundle, CanonicalOutcome outcome, string? lastError, AttemptFinish attempt, CancellationToken cancellationToken) =>
        services.Queue.FinalizeAsync(new TaskFinalization
        {
            TaskId = task.TaskId,
            Attempt = attempt,
            Outcome = outcome.ToJson(),
            BundleId = bundle?.BundleId,
            BundleHash = bundle?.Hash,
            LastError = lastError,
        }, cancellationToken);

    /// <summary>An attempt that ended before the adapter ran (input, profile, adapter or bundle rejected): error, permanent.</summary>
    private static AttemptFinish Rejected(string attemptId, JsonObject diagnostics) =>
        new() { AttemptId = attemptId, ExitStatus = ExitStatus.Error, RetryClass = RetryClass.Permanent, Diagnostics = diagnostics };

    private static CanonicalOutcome Outcome(string status, string summary, string machineStatus, string? rawOutput) =>
        new() { Status = status, OperatorSummary = summary, MachineStatus = machineStatus, RawOutput = rawOutput };

    private static JsonObject With(JsonObject? diagnostics, params (string Key, JsonNode? Value)[] fields)
    {
        var copy = diagnostics?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in fields)
        {
            copy[key] = value;
        }

        return copy;
    }

    /// <summary>
    /// Spec §5.7 step 3: the workflow named by <c>payload.workflow_id</c>, when it exists. Read
    /// before compiling; its context is parsed inside the compile step (the returned function), so
    /// a corrupt context still fails the bundle as it did.
    /// </summary>
    private async Task<Func<JsonObject>?> WorkflowSnapshotAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        if (BundleCompiler.WorkflowId(payload) is not { } id)
        {
            return null;
        }

        if (await services.Queries.GetWorkflowAsync(id, cancellationToken).ConfigureAwait(false) is not { } workflow)
        {
            return null;
        }

        return () => new JsonObject
        {
            ["id"] = workflow.Id,
            ["template"] = workflow.Template,
            ["instance_key"] = workflow.InstanceKey,
            ["current_state"] = workflow.CurrentState,
            ["context"] = workflow.ContextJson is null ? null : JsJson.ParseStored(workflow.ContextJson),
        };
    }
}
