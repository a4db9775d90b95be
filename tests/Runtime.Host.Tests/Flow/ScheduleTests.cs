using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>Recurring schedules through the CLI: validation, coalesced catch-up, B22 and shared sources.</summary>
public sealed class ScheduleTests
{
    private const string Heartbeat = """
        {"name":"aibtc-checkin","interval_seconds":305,"next_run_at":"2026-04-29T10:00:00.000Z",
         "task":{"kind":"aibtc-checkin","source":"schedule:aibtc-checkin","subject":"AIBTC check-in","payload":{"check":"heartbeat"},"requested_adapter":"aibtc-heartbeat"}}
        """;

    public static TheoryData<string, string> InvalidSchedules => new()
    {
        { """{"interval_seconds":5,"task":{"kind":"k","payload":{}}}""", "schedule name is required" },
        { """{"name":"  ","interval_seconds":5,"task":{"kind":"k","payload":{}}}""", "schedule name is required" },
        { """{"name":"x","interval_seconds":0,"task":{"kind":"k","payload":{}}}""", "schedule interval_seconds must be a positive integer" },
        { """{"name":"x","interval_seconds":2.5,"task":{"kind":"k","payload":{}}}""", "schedule interval_seconds must be a positive integer" },
        { """{"name":"x","interval_seconds":"60","task":{"kind":"k","payload":{}}}""", "schedule interval_seconds must be a positive integer" },
        { """{"name":"x","interval_seconds":60}""", "task: expected a JSON object, got nothing" },
        { """{"name":"x","interval_seconds":60,"task":{"payload":{}}}""", "task.kind: expected a non-empty string" },
        { """{"name":"x","interval_seconds":60,"task":{"kind":"k","payload":[]}}""", "task.payload: expected a JSON object, got an array" },
        { """{"name":"x","interval_seconds":60,"task":{"kind":"k","payload":{},"available_at":"whenever"}}""", "task.available_at: expected a date such as 2026-04-29T10:00:00.000Z, got \"whenever\"" },
        { """{"name":"x","interval_seconds":60,"task":{"kind":"k","payload":{}},"next_run_at":"soon"}""", "next_run_at: expected a date" },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(InvalidSchedules))]
    public async Task ScheduleCreate_InvalidInput_ExitsNonZeroWithTheMessageAndWritesNothing(string schedule, string message)
    {
        using var runtime = new TestRuntime().InProcess().Save();

        var result = await runtime.RunAsync("schedule-create", "--json", schedule);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        FlowAssert.NothingWritten(runtime);
    }

    [Fact(Timeout = 120_000)]
    public async Task ScheduleCreate_NeitherJsonNorFile_PrintsTheSpecMessage()
    {
        using var runtime = new TestRuntime().InProcess().Save();

        var result = await runtime.RunAsync("schedule-create");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Provide --json '<schedule>' or --file path/to/schedule.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task ScheduleTick_HeartbeatThroughSimulatedDowntime_OneTaskPerEvaluationAndNextRunFromEvaluationTime()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        var created = await runtime.RunAsync("schedule-create", "--json", Heartbeat);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(["upserted", "schedule"], created.Json.Select(p => p.Key));
        Assert.Equal(
            ["schedule_id", "name", "enabled", "interval_seconds", "next_run_at", "last_run_at", "task", "created_at", "updated_at"],
            created.Json["schedule"]!.AsObject().Select(p => p.Key));

        // Spec example: due 10:00:00, evaluated 10:05:00 → the 10:00 slot, next run 10:10:05.
        var first = await Tick(runtime, "2026-04-29T10:05:00.000Z", expectedTasks: 1);
        Assert.Equal("schedule:aibtc-checkin:2026-04-29T10:00:00.000Z", Source(runtime, first[0]));
        Assert.Equal("2026-04-29T10:10:05.000Z", NextRunAt(runtime));

        // Down for about three hours (35 missed slots): one task for the oldest missed slot, no flood.
        var afterDowntime = await Tick(runtime, "2026-04-29T13:00:00.000Z", expectedTasks: 1);
        Assert.Equal("schedule:aibtc-checkin:2026-04-29T10:10:05.000Z", Source(runtime, afterDowntime[0]));
        Assert.Equal("2026-04-29T13:05:05.000Z", NextRunAt(runtime));
        Assert.Equal("2026-04-29T13:00:00.000Z", TestDb.Scalar(runtime.DbPath, "SELECT last_run_at FROM schedules"));

        // The same instant again, and a millisecond before the next slot: nothing is due.
        await Tick(runtime, "2026-04-29T13:00:00.000Z", expectedTasks: 0);
        await Tick(runtime, "2026-04-29T13:05:04.999Z", expectedTasks: 0);

        // Another long gap, then the next slot.
        var later = await Tick(runtime, "2026-04-30T09:00:00.000Z", expectedTasks: 1);
        Assert.Equal("schedule:aibtc-checkin:2026-04-29T13:05:05.000Z", Source(runtime, later[0]));
        Assert.Equal("2026-04-30T09:05:05.000Z", NextRunAt(runtime));

        Assert.Equal(3L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks"));
        Assert.Equal(3L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'schedule_task_created'"));
        var task = runtime.Task(later[0]);
        Assert.Equal("aibtc-checkin", task["kind"]);
        Assert.Equal("aibtc-heartbeat", task["requested_adapter"]);
        Assert.Equal("""{"check":"heartbeat"}""", task["payload_json"]);
        var detail = JsonNode.Parse((string)TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'schedule_task_created' ORDER BY id DESC LIMIT 1")!)!;
        Assert.Equal(["schedule_id", "schedule_name", "due_at"], detail.AsObject().Select(p => p.Key));
        Assert.Equal("2026-04-29T13:05:05.000Z", detail["due_at"]!.GetValue<string>());
    }

    [Fact(Timeout = 180_000)]
    public async Task RunOnce_HeartbeatScheduleDueLongAgo_EachCycleCreatesAtMostOneTaskAndLogsTheEvaluation()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("aibtc-heartbeat", """echo '{"status":"completed","operator_summary":"heartbeat ok","machine_status":"ok"}'""");
        runtime.AddScriptAdapter("script-ok", "echo '{}'");
        runtime.Save();
        var heartbeat = Heartbeat.Replace("2026-04-29T10:00:00.000Z", "2020-01-01T00:00:00.000Z", StringComparison.Ordinal);
        Assert.Equal(0, (await runtime.RunAsync("schedule-create", "--json", heartbeat)).ExitCode);

        var cycles = new List<JsonObject>();
        for (var i = 0; i < 3; i++)
        {
            var result = await runtime.RunAsync("run-once");
            Assert.True(result.ExitCode == 0, result.ToString());
            cycles.Add(result.Json);
        }

        // Years of missed 305 s slots produce one task, which the first cycle runs; later cycles are idle.
        var tasks = TestDb.Query(runtime.DbPath, "SELECT source, status FROM tasks");
        Assert.Equal("schedule:aibtc-checkin:2020-01-01T00:00:00.000Z", Assert.Single(tasks)["source"]);
        Assert.Equal("completed", tasks[0]["status"]);
        Assert.Equal(["completed", "idle", "idle"], cycles.Select(c => c["status"]!.GetValue<string>()));
        var next = DateTimeOffset.Parse(NextRunAt(runtime), System.Globalization.CultureInfo.InvariantCulture);
        var last = DateTimeOffset.Parse((string)TestDb.Scalar(runtime.DbPath, "SELECT last_run_at FROM schedules")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromSeconds(305), next - last);
        Assert.True(last > TimeProvider.System.GetUtcNow().AddMinutes(-5));

        var log = File.ReadAllLines(Path.Combine(runtime.StateDir, "logs", "runtime.jsonl"))
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(line => line["event"]!.GetValue<string>() == "schedule_evaluation")
            .ToList();
        var entry = Assert.Single(log);
        Assert.Equal(["ts", "event", "schedules_evaluated", "tasks_created"], entry.Select(p => p.Key));
        Assert.Equal(1, entry["schedules_evaluated"]!.GetValue<int>());
        Assert.Equal(1, entry["tasks_created"]!.GetValue<int>());
    }

    [Fact(Timeout = 120_000)]
    public async Task ScheduleCreate_ReupsertWithoutNextRunAt_KeepsTheStoredNextRunAt()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        var first = (await runtime.RunAsync("schedule-create", "--json", Heartbeat)).Json["schedule"]!;

        var changed = Heartbeat
            .Replace("\"next_run_at\":\"2026-04-29T10:00:00.000Z\",", "", StringComparison.Ordinal)
            .Replace("305", "600", StringComparison.Ordinal);
        var second = await runtime.RunAsync("schedule-create", "--json", changed);

        // The reference (B22) reset next_run_at to now, making the schedule due at once.
        Assert.True(second.ExitCode == 0, second.ToString());
        var schedule = second.Json["schedule"]!;
        Assert.Equal("2026-04-29T10:00:00.000Z", schedule["next_run_at"]!.GetValue<string>());
        Assert.Equal(600, schedule["interval_seconds"]!.GetValue<int>());
        Assert.Equal(first["schedule_id"]!.GetValue<string>(), schedule["schedule_id"]!.GetValue<string>());
        Assert.Equal(first["created_at"]!.GetValue<string>(), schedule["created_at"]!.GetValue<string>());
        Assert.Equal(2L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'schedule_upserted'"));

        // A new schedule without next_run_at is due now.
        var fresh = (await runtime.RunAsync("schedule-create", "--json", """{"name":"fresh","interval_seconds":60,"task":{"kind":"k","payload":{}}}""")).Json["schedule"]!;
        Assert.Equal(fresh["created_at"]!.GetValue<string>(), fresh["next_run_at"]!.GetValue<string>());
        Assert.True(fresh["enabled"]!.GetValue<bool>());
    }

    [Fact(Timeout = 120_000)]
    public async Task ScheduleTick_TwoSchedulesShareTaskSourceAndDueTime_EachGetsItsOwnTask()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        foreach (var name in new[] { "checkin-a", "checkin-b" })
        {
            var schedule = """{"name":"NAME","interval_seconds":300,"next_run_at":"2026-04-29T10:00:00.000Z","task":{"kind":"NAME","source":"operator:checkin","payload":{}}}""".Replace("NAME", name, StringComparison.Ordinal);
            Assert.Equal(0, (await runtime.RunAsync("schedule-create", "--json", schedule)).ExitCode);
        }

        // A schedule with a source of its own keeps the reference format.
        Assert.Equal(0, (await runtime.RunAsync("schedule-create", "--json", """{"name":"solo","interval_seconds":300,"next_run_at":"2026-04-29T10:00:00.000Z","task":{"kind":"solo","payload":{}}}""")).ExitCode);

        var ids = await Tick(runtime, "2026-04-29T10:00:00.000Z", expectedTasks: 3);

        // The reference derived "operator:checkin:<due>" for both, and enqueue-if-new dropped the second task.
        Assert.Equal(
            ["operator:checkin:checkin-a:2026-04-29T10:00:00.000Z", "operator:checkin:checkin-b:2026-04-29T10:00:00.000Z", "schedule:solo:2026-04-29T10:00:00.000Z"],
            ids.Select(id => Source(runtime, id)).Order(StringComparer.Ordinal));
        Assert.Equal(["checkin-a", "checkin-b", "solo"], ids.Select(id => (string)runtime.Task(id)["kind"]!).Order(StringComparer.Ordinal));
    }

    private static async Task<List<string>> Tick(TestRuntime runtime, string at, int expectedTasks)
    {
        var result = await runtime.RunAsync("schedule-tick", "--at", at);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["schedulesEvaluated", "tasksCreated", "taskIds"], result.Json.Select(p => p.Key));
        Assert.Equal(expectedTasks, result.Json["tasksCreated"]!.GetValue<int>());
        var ids = result.Json["taskIds"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(expectedTasks, ids.Count);
        return ids;
    }

    private static string Source(TestRuntime runtime, string taskId) => (string)runtime.Task(taskId)["source"]!;

    private static string NextRunAt(TestRuntime runtime) => (string)TestDb.Scalar(runtime.DbPath, "SELECT next_run_at FROM schedules")!;
}
