using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Tests.Storage;

public sealed class TaskStoreLifecycleTests
{
    [Fact(Timeout = 60_000)]
    public async Task Finalize_AfterAdapterAndBundle_StoresOutcomeWithIdsAndRecordsEventsInCatalogueShape()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input());
        var claimed = harness.Store.Claim()!;
        var attemptId = claimed.Attempt.AttemptId;
        harness.Store.UpdateAttemptAdapter(attemptId, "codex-local", "agent-cli", "qwen3");
        harness.Store.InsertBundle(new NewBundle
        {
            BundleId = "b-1",
            TaskId = task.TaskId,
            AttemptId = attemptId,
            BundleHash = "abc123",
            AgentId = "test-agent",
            ProfileId = "tester",
            AdapterId = "codex-local",
            Model = "qwen3",
            ReplayGrade = ReplayGrades.NonReplayableModel,
            RelativePath = "bundles/2026-05-01/b-1.json",
            PromptRelativePath = "bundles/2026-05-01/b-1.prompt.txt",
            PromptPath = "/art/bundles/2026-05-01/b-1.prompt.txt",
        });
        harness.Time.Advance(TimeSpan.FromSeconds(3));

        var finished = harness.Store.Finalize(new TaskFinalization
        {
            TaskId = task.TaskId,
            Attempt = new AttemptFinish { AttemptId = attemptId, ExitStatus = ExitStatus.Ok, StdoutPath = "/audit/stdout.log", Diagnostics = new JsonObject { ["exit_code"] = 0 } },
            Outcome = new JsonObject { ["status"] = "completed", ["operator_summary"] = "done", ["machine_status"] = "ok", ["bundle_id"] = "stale" },
            BundleId = "b-1",
            BundleHash = "abc123",
        });

        Assert.Equal(TaskStatuses.Completed, finished.Status);
        Assert.Equal("2026-05-01T10:00:03.000Z", IsoTime.ToIso(finished.FinishedAt));
        Assert.Null(finished.LastError);
        Assert.Equal(
            $$"""{"status":"completed","operator_summary":"done","machine_status":"ok","bundle_id":"b-1","attempt_id":"{{attemptId}}","bundle_hash":"abc123"}""",
            JsJson.Serialize(finished.Outcome));
        var attempt = harness.Store.GetAttempt(attemptId)!;
        Assert.Equal(("finished", "ok", "none"), (attempt.Status, attempt.ExitStatus, attempt.RetryClass));
        Assert.Equal(("codex-local", "agent-cli", "qwen3", "b-1"), (attempt.AdapterId, attempt.AdapterKind, attempt.Model, attempt.BundleId));
        Assert.Equal("/art/bundles/2026-05-01/b-1.prompt.txt", attempt.PromptPath);
        Assert.Equal("/audit/stdout.log", attempt.StdoutPath);
        Assert.Equal("2026-05-01T10:00:03.000Z", IsoTime.ToIso(attempt.EndedAt));
        Assert.Equal("{\"exit_code\":0}", JsJson.Serialize(attempt.Diagnostics));
        Assert.Equal(
            [
                "task_enqueued|{\"kind\":\"probe\",\"source\":\"test\"}",
                "task_claimed|{\"runner_id\":\"runner-a\"}",
                "bundle_compiled|{\"runner_id\":\"runner-a\",\"bundle_id\":\"b-1\",\"bundle_hash\":\"abc123\",\"replay_grade\":\"non_replayable_model\"}",
                "task_attempt_finished|{\"runner_id\":\"runner-a\",\"exit_status\":\"ok\",\"retry_class\":\"none\"}",
                "task_finished|{\"runner_id\":\"runner-a\",\"status\":\"completed\",\"machine_status\":\"ok\"}",
            ],
            Events(harness, task.TaskId));
    }

    [Fact(Timeout = 60_000)]
    public async Task Reschedule_WithoutOverride_UsesBackoffClearsOutcomeAndRefundsWhenAsked()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input(maxAttempts: 3));
        var attempt = harness.Store.Claim()!.Attempt;

        var backoff = harness.Store.Reschedule(new TaskReschedule
        {
            TaskId = task.TaskId,
            Attempt = new AttemptFinish { AttemptId = attempt.AttemptId, ExitStatus = ExitStatus.Timeout },
            Error = "adapter timed out",
        });

        Assert.Equal(TaskStatuses.RetryableFailure, backoff.Status);
        Assert.Equal("2026-05-01T10:00:30.000Z", IsoTime.ToIso(backoff.AvailableAt));
        Assert.Equal(1, backoff.AttemptCount);
        Assert.Equal("adapter timed out", backoff.LastError);
        Assert.Null(backoff.FinishedAt);
        Assert.Null(backoff.Outcome);
        Assert.Equal("retryable", harness.Store.GetAttempt(attempt.AttemptId)!.RetryClass);
        Assert.Equal("task_retry_scheduled|{\"runner_id\":\"runner-a\",\"available_at\":\"2026-05-01T10:00:30.000Z\",\"error\":\"adapter timed out\"}", Events(harness, task.TaskId)[^1]);

        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var second = harness.Store.Claim()!;
        Assert.Equal(2, second.Task.AttemptCount);
        var refunded = harness.Store.Reschedule(new TaskReschedule
        {
            TaskId = task.TaskId,
            Attempt = new AttemptFinish { AttemptId = second.Attempt.AttemptId, ExitStatus = ExitStatus.Ok, RetryClass = RetryClass.None },
            Error = "rate limited",
            AvailableAt = StoreHarness.Start.AddMinutes(5),
            RefundAttempt = true,
        });

        Assert.Equal(1, refunded.AttemptCount);
        Assert.Equal("2026-05-01T10:05:00.000Z", IsoTime.ToIso(refunded.AvailableAt));
        Assert.Equal("none", harness.Store.GetAttempt(second.Attempt.AttemptId)!.RetryClass);
    }

    [Fact(Timeout = 60_000)]
    public async Task EnqueueIfNew_SameSourceActiveOrFinished_SkipsOnlyWhileActive()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var first = harness.Store.EnqueueIfNew(StoreHarness.Input(source: "workflow:1:plan"))!;

        Assert.Null(harness.Store.EnqueueIfNew(StoreHarness.Input(source: "workflow:1:plan")));
        var claimed = harness.Store.Claim()!;
        Assert.Null(harness.Store.EnqueueIfNew(StoreHarness.Input(source: "workflow:1:plan")));
        harness.Store.Reschedule(new TaskReschedule { TaskId = first.TaskId, Attempt = new AttemptFinish { AttemptId = claimed.Attempt.AttemptId, ExitStatus = ExitStatus.Error }, Error = "x" });
        Assert.Null(harness.Store.EnqueueIfNew(StoreHarness.Input(source: "workflow:1:plan")));
        Assert.NotNull(harness.Store.EnqueueIfNew(StoreHarness.Input(source: "workflow:2:plan")));
        harness.Store.Cancel(first.TaskId, null);

        Assert.NotNull(harness.Store.EnqueueIfNew(StoreHarness.Input(source: "workflow:1:plan")));
        Assert.Equal(3, harness.Count("SELECT COUNT(*) FROM tasks"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("  out of scope  ", "{\"status\":\"operator_canceled\",\"operator_summary\":\"Operator canceled: out of scope\",\"machine_status\":\"canceled\"}", "{\"reason\":\"out of scope\",\"previous_status\":\"pending\"}")]
    [InlineData("   ", "{\"status\":\"operator_canceled\",\"operator_summary\":\"Operator canceled task.\",\"machine_status\":\"canceled\"}", "{\"reason\":null,\"previous_status\":\"pending\"}")]
    public async Task Cancel_PendingTask_StoresSpecOutcomeAndEvent(string reason, string outcome, string detail)
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input());

        var canceled = harness.Store.Cancel(task.TaskId, reason);

        Assert.Equal(TaskStatuses.OperatorCanceled, canceled.Status);
        Assert.Equal(outcome, JsJson.Serialize(canceled.Outcome));
        Assert.Equal("2026-05-01T10:00:00.000Z", IsoTime.ToIso(canceled.FinishedAt));
        Assert.Equal($"task_operator_canceled|{detail}", Events(harness, task.TaskId)[^1]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancel_UnknownRunningOrTerminal_RefusesWithSpecMessages()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input());

        Assert.Equal("task not found: nope", Assert.Throws<TaskStoreException>(() => harness.Store.Cancel("nope", null)).Message);
        harness.Store.Claim();
        Assert.Equal("running task cancellation is not supported", Assert.Throws<TaskStoreException>(() => harness.Store.Cancel(task.TaskId, null)).Message);
        harness.Store.Finalize(new TaskFinalization { TaskId = task.TaskId, Outcome = new JsonObject { ["status"] = "completed", ["machine_status"] = "ok" } });
        Assert.Equal("task is already terminal: completed", Assert.Throws<TaskStoreException>(() => harness.Store.Cancel(task.TaskId, "x")).Message);
        Assert.Equal(TaskStatuses.Completed, harness.Store.GetTask(task.TaskId)!.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task CountEvents_RecordedEventsOfSeveralTypes_CountsOnlyThatTaskAndType()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input());
        var other = harness.Store.Enqueue(StoreHarness.Input());
        harness.Store.RecordEvent("rate_limit_rescheduled", task.TaskId, null, new JsonObject { ["runner_id"] = "r" });
        harness.Store.RecordEvent("rate_limit_rescheduled", task.TaskId, "a", new JsonObject { ["runner_id"] = "r" });
        harness.Store.RecordEvent("rate_limit_rescheduled", other.TaskId, null, new JsonObject());

        Assert.Equal(2, harness.Store.CountEvents(task.TaskId, "rate_limit_rescheduled"));
        Assert.Equal(1, harness.Store.CountEvents(task.TaskId, "task_enqueued"));
        Assert.Equal(0, harness.Store.CountEvents(task.TaskId, "task_claimed"));
    }

    internal static List<string> Events(StoreHarness harness, string taskId)
    {
        var rows = new List<string>();
        using var command = harness.Db.Command("SELECT event_type || '|' || detail_json FROM run_events WHERE task_id = $t ORDER BY id", ("$t", taskId));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
