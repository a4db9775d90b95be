using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Storage;

/// <summary>Bundle insert, finalize and reschedule (spec §3.6).</summary>
internal sealed partial class TaskStore
{
    /// <summary>
    /// Records a compiled bundle: the attempt's adapter when given, the bundle row, the attempt's
    /// <c>bundle_id</c> and <c>prompt_path</c>, and <c>bundle_compiled</c>, in one transaction.
    /// </summary>
    public void InsertBundle(NewBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        _db.InTransaction(() =>
        {
            if (bundle.AttemptAdapter is { } adapter)
            {
                UpdateAttemptAdapter(bundle.AttemptId, adapter.Id, adapter.Kind, adapter.Model);
            }

            _db.Execute(
                """
                INSERT INTO bundles (
                  bundle_id, task_id, attempt_id, bundle_hash, agent_id, profile_id, adapter_id, model,
                  variant_id, evaluator_version, replay_grade, relative_path, prompt_relative_path, created_at
                ) VALUES (
                  $bundle, $task, $attempt, $hash, $agent, $profile, $adapter, $model,
                  $variant, $evaluator, $grade, $relative, $prompt_relative, $created
                )
                """,
                ("$bundle", bundle.BundleId),
                ("$task", bundle.TaskId),
                ("$attempt", bundle.AttemptId),
                ("$hash", bundle.BundleHash),
                ("$agent", bundle.AgentId),
                ("$profile", bundle.ProfileId),
                ("$adapter", bundle.AdapterId),
                ("$model", bundle.Model),
                ("$variant", bundle.VariantId),
                ("$evaluator", bundle.EvaluatorVersion),
                ("$grade", bundle.ReplayGrade),
                ("$relative", bundle.RelativePath),
                ("$prompt_relative", bundle.PromptRelativePath),
                ("$created", bundle.CreatedAt ?? Now()));
            _db.Execute(
                "UPDATE task_attempts SET bundle_id = $bundle, prompt_path = $prompt WHERE attempt_id = $attempt",
                ("$bundle", bundle.BundleId),
                ("$prompt", bundle.PromptPath),
                ("$attempt", bundle.AttemptId));
            RecordEvent("bundle_compiled", bundle.TaskId, bundle.AttemptId, new JsonObject
            {
                ["runner_id"] = Options.RunnerId,
                ["bundle_id"] = bundle.BundleId,
                ["bundle_hash"] = bundle.BundleHash,
                ["replay_grade"] = bundle.ReplayGrade,
            });
        });
    }

    /// <summary>
    /// Finishes the attempt (if given) and the task with its outcome, recording
    /// <c>task_attempt_finished</c> and <c>task_finished</c>, in one transaction. Returns the task as stored.
    /// </summary>
    /// <exception cref="TaskStoreException">The task does not exist.</exception>
    public TaskRecord Finalize(TaskFinalization finalization) => TryFinalize(finalization).Task;

    /// <summary>
    /// <see cref="Finalize"/>, fenced on the attempt: when <see cref="TaskFinalization.Attempt"/> is
    /// given and no longer owns the task, nothing changes and <c>stale_attempt_write_ignored</c> is recorded.
    /// </summary>
    /// <exception cref="TaskStoreException">The task does not exist.</exception>
    public FencedWrite TryFinalize(TaskFinalization finalization)
    {
        ArgumentNullException.ThrowIfNull(finalization);
        var status = finalization.Outcome["status"] is JsonValue s && s.GetValueKind() == JsonValueKind.String
            ? s.GetValue<string>()
            : throw new ArgumentException("the outcome has no status string", nameof(finalization));

        // Like the reference's { ...outcome, attempt_id, bundle_id, bundle_hash }: a key the outcome
        // already has keeps its place, a new one goes last.
        var stored = finalization.Outcome.DeepClone().AsObject();
        SetIfPresent(stored, "attempt_id", finalization.Attempt?.AttemptId);
        SetIfPresent(stored, "bundle_id", finalization.BundleId);
        SetIfPresent(stored, "bundle_hash", finalization.BundleHash);
        return _db.InTransaction(() =>
        {
            if (finalization.Attempt is { } attempt && !OwnsTask(finalization.TaskId, attempt.AttemptId, "finalize"))
            {
                return new FencedWrite { Applied = false, Task = GetTask(finalization.TaskId)! };
            }

            var now = Now();
            FinishAttempt(finalization.TaskId, finalization.Attempt, RetryClass.None, now);
            var changed = _db.Execute(
                """
                UPDATE tasks SET status = $status, updated_at = $now, finished_at = $now, outcome_json = $outcome, last_error = $error
                WHERE task_id = $task
                """,
                ("$status", status),
                ("$now", now),
                ("$outcome", JsJson.Serialize(stored)),
                ("$error", finalization.LastError),
                ("$task", finalization.TaskId));
            if (changed == 0)
            {
                throw new TaskStoreException($"task not found: {finalization.TaskId}");
            }

            var detail = new JsonObject { ["runner_id"] = Options.RunnerId, ["status"] = status };
            if (finalization.Outcome.TryGetPropertyValue("machine_status", out var machineStatus))
            {
                detail["machine_status"] = machineStatus?.DeepClone();
            }

            RecordEvent("task_finished", finalization.TaskId, finalization.Attempt?.AttemptId, detail);
            return new FencedWrite { Applied = true, Task = GetTask(finalization.TaskId)! };
        });
    }

    /// <summary>
    /// Finishes the attempt (if given, retry class default <c>retryable</c>) and puts the task back
    /// as <c>retryable_failure</c> at the given time or after the configured backoff, recording
    /// <c>task_retry_scheduled</c>, in one transaction. Returns the task as stored. An attempt with
    /// an operator's stop request ends the task <c>operator_canceled</c> instead.
    /// </summary>
    /// <exception cref="TaskStoreException">The task does not exist.</exception>
    public TaskRecord Reschedule(TaskReschedule reschedule) => TryReschedule(reschedule).Task;

    /// <summary>
    /// <see cref="Reschedule"/>, fenced on the attempt: when <see cref="TaskReschedule.Attempt"/> is
    /// given and no longer owns the task, nothing changes and <c>stale_attempt_write_ignored</c> is recorded.
    /// </summary>
    /// <exception cref="TaskStoreException">The task does not exist.</exception>
    public FencedWrite TryReschedule(TaskReschedule reschedule)
    {
        ArgumentNullException.ThrowIfNull(reschedule);
        return _db.InTransaction(() =>
        {
            if (reschedule.Attempt is { } attempt && !OwnsTask(reschedule.TaskId, attempt.AttemptId, "reschedule"))
            {
                return new FencedWrite { Applied = false, Task = GetTask(reschedule.TaskId)! };
            }

            var nowInstant = _time.GetUtcNow();
            var now = IsoTime.ToIso(nowInstant);
            if (reschedule.Attempt is { } stopped && GetCancelRequest(stopped.AttemptId) is { } request)
            {
                // An operator asked this attempt to stop before it ended on its own: the task must
                // not go back to the queue, where another dispatcher would run it again.
                FinishAttempt(reschedule.TaskId, stopped, RetryClass.Retryable, now);
                MarkCanceled(reschedule.TaskId, request.Reason, TaskStatuses.Running, stopped.AttemptId, now);
                return new FencedWrite { Applied = true, Task = GetTask(reschedule.TaskId)! };
            }

            var availableAt = IsoTime.ToIso(reschedule.AvailableAt ?? nowInstant.AddMilliseconds(Math.Truncate(Options.RetryBackoffSeconds * 1000)));
            FinishAttempt(reschedule.TaskId, reschedule.Attempt, RetryClass.Retryable, now);
            var changed = _db.Execute(
                """
                UPDATE tasks SET status = 'retryable_failure', updated_at = $now, available_at = $available_at,
                  finished_at = NULL, outcome_json = NULL, last_error = $error,
                  attempt_count = CASE WHEN $refund THEN max(0, attempt_count - 1) ELSE attempt_count END
                WHERE task_id = $task
                """,
                ("$now", now),
                ("$available_at", availableAt),
                ("$error", reschedule.Error),
                ("$refund", reschedule.RefundAttempt ? 1 : 0),
                ("$task", reschedule.TaskId));
            if (changed == 0)
            {
                throw new TaskStoreException($"task not found: {reschedule.TaskId}");
            }

            RecordEvent("task_retry_scheduled", reschedule.TaskId, reschedule.Attempt?.AttemptId, new JsonObject
            {
                ["runner_id"] = Options.RunnerId,
                ["available_at"] = availableAt,
                ["error"] = reschedule.Error,
            });
            return new FencedWrite { Applied = true, Task = GetTask(reschedule.TaskId)! };
        });
    }

    private void FinishAttempt(string taskId, AttemptFinish? attempt, RetryClass defaultRetryClass, string now)
    {
        if (attempt is null)
        {
            return;
        }

        var retryClass = AttemptValues.ToText(attempt.RetryClass ?? defaultRetryClass);
        var exitStatus = AttemptValues.ToText(attempt.ExitStatus);
        _db.Execute(
            """
            UPDATE task_attempts SET status = 'finished', ended_at = $now, exit_status = $exit, retry_class = $retry,
              prompt_path = COALESCE($prompt, prompt_path), stdout_path = $stdout, stderr_path = $stderr,
              result_path = $result, diagnostics_json = $diagnostics
            WHERE attempt_id = $attempt
            """,
            ("$now", now),
            ("$exit", exitStatus),
            ("$retry", retryClass),
            ("$prompt", attempt.PromptPath),
            ("$stdout", attempt.StdoutPath),
            ("$stderr", attempt.StderrPath),
            ("$result", attempt.ResultPath),
            ("$diagnostics", attempt.Diagnostics is null ? null : JsJson.Serialize(attempt.Diagnostics)),
            ("$attempt", attempt.AttemptId));
        RecordEvent("task_attempt_finished", taskId, attempt.AttemptId, new JsonObject
        {
            ["runner_id"] = Options.RunnerId,
            ["exit_status"] = exitStatus,
            ["retry_class"] = retryClass,
        });
    }

    private static void SetIfPresent(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }
}
