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

internal sealed partial class DispatchCycle
{
    /// <summary>
    /// Spec §5.9 steps for a clean exit: normalize, write runtime artifacts, reschedule on a
    /// rate-limit hint (capped: reference defect B3), back off a model-declared retryable failure
    /// (B25), verify a completed outcome, finalize.
    /// </summary>
    private JsonObject HandleOutcome(TaskRecord task, AdapterEntry entry, string rawOutput, AttemptFinish finish, CompiledBundle bundle)
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
            var used = _store.CountEvents(task.TaskId, "rate_limit_rescheduled");
            if (used < _config.MaxRateLimitRetries)
            {
                return RescheduleForHint(task, attemptId, outcome, hint, finish);
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
                _store.Reschedule(new TaskReschedule
                {
                    TaskId = task.TaskId,
                    Error = outcome.OperatorSummary,
                    Attempt = finish with { RetryClass = RetryClass.Retryable, Diagnostics = With(finish.Diagnostics, ("reason", "model_retryable_failure")) },
                });
                return CycleResults.Failed("retryable_failure", task.TaskId, attemptId);
            }

            outcome = outcome with { Status = OutcomeStatuses.Blocked, MachineStatus = "blocked", OperatorSummary = $"Retries exhausted: {outcome.OperatorSummary}" };
        }

        var issues = OutcomeVerifier.Verify(outcome, task.Payload, _config.ArtifactDir, Environment.CurrentDirectory);
        if (issues.Count > 0)
        {
            var joined = string.Join("; ", issues);
            var failed = new CanonicalOutcome
            {
                Status = OutcomeStatuses.Blocked,
                OperatorSummary = $"Verification failed: {joined}",
                MachineStatus = "blocked",
                ArtifactPaths = outcome.ArtifactPaths ?? [],
                RawOutput = rawOutput,
            };
            Finalize(task, bundle, failed, joined, finish with
            {
                ExitStatus = finish.ExitStatus == ExitStatus.Ok ? ExitStatus.Error : finish.ExitStatus,
                RetryClass = RetryClass.Permanent,
                Diagnostics = With(finish.Diagnostics, ("reason", "outcome_verification_failed"), ("verification_issues", CycleResults.Strings(issues))),
            });
            return CycleResults.VerificationFailed(task.TaskId, attemptId, issues);
        }

        Finalize(task, bundle, outcome, null, finish with { RetryClass = RetryClass.None });
        return CycleResults.Finalized(outcome.Status, task.TaskId, attemptId);
    }

    private JsonObject RescheduleForHint(TaskRecord task, string attemptId, CanonicalOutcome outcome, RetryHint hint, AttemptFinish finish)
    {
        var availableAt = _time.GetUtcNow().AddSeconds(hint.AfterSeconds);
        var rescheduled = _store.Reschedule(new TaskReschedule
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
        });
        _store.RecordEvent("rate_limit_rescheduled", task.TaskId, attemptId, new JsonObject
        {
            ["runner_id"] = RunnerId,
            ["retry_after_seconds"] = hint.AfterSeconds,
            ["retry_hint_source"] = hint.Source,
            ["available_at"] = rescheduled.AvailableAt,
        });
        return CycleResults.RateLimited(task.TaskId, attemptId, hint.AfterSeconds, rescheduled.AvailableAt);
    }

    /// <summary>The one way the cycle finalizes a task: its outcome, the attempt's end, and the bundle when there is one.</summary>
    private void Finalize(TaskRecord task, CompiledBundle? bundle, CanonicalOutcome outcome, string? lastError, AttemptFinish attempt) =>
        _store.Finalize(new TaskFinalization
        {
            TaskId = task.TaskId,
            Attempt = attempt,
            Outcome = outcome.ToJson(),
            BundleId = bundle?.BundleId,
            BundleHash = bundle?.Hash,
            LastError = lastError,
        });

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

    /// <summary>Spec §5.7 step 3: the workflow named by <c>payload.workflow_id</c>, when it exists.</summary>
    private JsonObject? WorkflowSnapshot(JsonObject payload)
    {
        if (BundleCompiler.WorkflowId(payload) is not { } id)
        {
            return null;
        }

        using var command = host.Database.Command(
            "SELECT id, template, instance_key, current_state, context_json FROM workflows WHERE id = $id", ("$id", id));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new JsonObject
        {
            ["id"] = reader.GetInt64(0),
            ["template"] = reader.GetString(1),
            ["instance_key"] = reader.GetString(2),
            ["current_state"] = reader.GetString(3),
            ["context"] = reader.IsDBNull(4) ? null : JsJson.Parse(reader.GetString(4)),
        };
    }
}
