using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Tests.Cli;

public sealed class IntakeCommandTests
{
    [Fact(Timeout = 120_000)]
    public async Task Intake_MinimalTask_PrintsSpecShapeAndStoresDefaults()
    {
        using var runtime = new TestRuntime().Save();

        var result = await runtime.RunAsync("intake", "--json", """{"kind":"probe","source":"cli","payload":{"b":1,"a":[true,null]},"subject":""}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.Equal(["queued", "task_id", "profile", "available_at"], json.Select(p => p.Key));
        Assert.True(json["queued"]!.GetValue<bool>());
        Assert.Equal("tester", json["profile"]!.GetValue<string>());
        var taskId = json["task_id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", taskId);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", json["available_at"]!.GetValue<string>());
        Assert.Equal(
            $"probe|cli||5|{{\"b\":1,\"a\":[true,null]}}|tester||pending|0|2|{json["available_at"]}|1",
            Row(runtime.DbPath, $"""
                SELECT kind || '|' || source || '|' || COALESCE(subject, '') || '|' || priority || '|' || payload_json || '|' ||
                  requested_profile || '|' || requested_adapter || '|' || status || '|' || attempt_count || '|' || max_attempts || '|' ||
                  available_at || '|' || (created_at = available_at AND created_at = updated_at)
                FROM tasks WHERE task_id = '{taskId}'
                """));
        Assert.Equal("""{"kind":"probe","source":"cli"}""", Row(runtime.DbPath, $"SELECT detail_json FROM run_events WHERE event_type = 'task_enqueued' AND task_id = '{taskId}'"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Intake_JsonAndFileBothGiven_JsonWinsAndFileAloneWorks()
    {
        using var runtime = new TestRuntime().Save();
        var file = runtime.Directory.Write("task.json", """{"kind":"from-file","source":"f","payload":{},"requested_profile":"tester","schedule":{"delay_minutes":90}}""");

        var both = await runtime.RunAsync("intake", "--json", """{"kind":"from-json","source":"j","payload":{}}""", "--file", file);
        var fileOnly = await runtime.RunAsync("intake", "--file", "task.json");

        Assert.True(both.ExitCode == 0 && fileOnly.ExitCode == 0, both + "\n" + fileOnly);
        Assert.Equal("from-json", Row(runtime.DbPath, $"SELECT kind FROM tasks WHERE task_id = '{both.Json["task_id"]}'"));
        Assert.Equal("from-file", Row(runtime.DbPath, $"SELECT kind FROM tasks WHERE task_id = '{fileOnly.Json["task_id"]}'"));
        var delay = DateTimeOffset.Parse(fileOnly.Json["available_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            - DateTimeOffset.Parse(Row(runtime.DbPath, $"SELECT created_at FROM tasks WHERE task_id = '{fileOnly.Json["task_id"]}'"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromMinutes(90), delay);
    }

    public static TheoryData<string, string> InvalidTasks => new()
    {
        { """[{"kind":"probe"}]""", "task: expected a JSON object, got an array" },
        { """{"source":"s","payload":{}}""", "kind: expected a non-empty string" },
        { """{"kind":"","source":"s","payload":{}}""", "kind: expected a non-empty string" },
        { """{"kind":"k","source":7,"payload":{}}""", "source: expected a non-empty string, got a number" },
        { """{"kind":"k","source":"s","subject":3,"payload":{}}""", "subject: expected a string, got a number" },
        { """{"kind":"k","source":"s","payload":[1]}""", "payload: expected a JSON object, got an array" },
        { """{"kind":"k","source":"s"}""", "payload: expected a JSON object" },
        { """{"kind":"k","source":"s","payload":{},"priority":"high"}""", "priority: expected an integer, got a string" },
        { """{"kind":"k","source":"s","payload":{},"priority":1.5}""", "priority: expected an integer, got 1.5" },
        { """{"kind":"k","source":"s","payload":{},"requested_profile":"ghost"}""", "requested_profile: unknown profile \"ghost\"; configured profiles: tester" },
        { """{"kind":"k","source":"s","payload":{},"requested_adapter":false}""", "requested_adapter: expected a string, got a boolean" },
        { """{"kind":"k","source":"s","payload":{},"max_attempts":0}""", "max_attempts: expected a positive integer, got 0" },
        { """{"kind":"k","source":"s","payload":{},"max_attempts":"3"}""", "max_attempts: expected a positive integer, got a string" },
        { """{"kind":"k","source":"s","payload":{},"available_at":"soon-ish"}""", "available_at: expected a date such as 2026-04-29T10:00:00.000Z, got \"soon-ish\"" },
        { """{"kind":"k","source":"s","payload":{},"schedule":"later"}""", "schedule: expected a JSON object, got a string" },
        { """{"kind":"k","source":"s","payload":{},"schedule":{"delay_minutes":-1}}""", "schedule.delay_minutes: expected a non-negative number of minutes, got -1" },
        { """{"kind":"k","source":"s","payload":{},"schedule":{"delay_minutes":"5"}}""", "schedule.delay_minutes: expected a non-negative number of minutes, got a string" },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(InvalidTasks))]
    public async Task Intake_InvalidTask_ExitsNonZeroNamingTheFieldAndWritesNoRow(string task, string message)
    {
        using var runtime = new TestRuntime().Save();

        var result = await runtime.RunAsync("intake", "--json", task);

        await AssertRejectedAsync(runtime, result, message);
    }

    [Fact(Timeout = 120_000)]
    public async Task Intake_PayloadOverTheLimit_ExitsNonZeroWithItsSizeAndWritesNoRow()
    {
        using var runtime = new TestRuntime().Save();
        var payload = new JsonObject { ["blob"] = new string('x', TaskInputValidator.MaxPayloadBytes) };
        var task = new JsonObject { ["kind"] = "k", ["source"] = "s", ["payload"] = payload };
        runtime.Directory.Write("big.json", task.ToJsonString());

        var result = await runtime.RunAsync("intake", "--file", "big.json");

        await AssertRejectedAsync(runtime, result, $"payload: too large ({TaskInputValidator.MaxPayloadBytes + 11} bytes; the limit is 262144)");
    }

    [Theory(Timeout = 120_000)]
    [InlineData(new[] { "intake" }, "Provide --json '<task>' or --file path/to/task.json")]
    [InlineData(new[] { "intake", "--json", "{\"kind\": " }, "--json: not valid JSON (")]
    [InlineData(new[] { "intake", "--file", "missing.json" }, "missing.json: cannot read the file (")]
    [InlineData(new[] { "intake", "--file", "bad.json" }, "bad.json: not valid JSON (")]
    public async Task Intake_UnusableInput_ExitsNonZeroNamingTheInput(string[] args, string message)
    {
        using var runtime = new TestRuntime().Save();
        runtime.Directory.Write("bad.json", "{ not json");

        var result = await runtime.RunAsync(args);

        await AssertRejectedAsync(runtime, result, message);
    }

    [Fact(Timeout = 180_000)]
    public async Task Intake_ConcurrentProcessesOnANewDatabaseWhileClaiming_EveryTaskQueuedAndClaimedOnce()
    {
        using var runtime = new TestRuntime().Save();
        const int processes = 6;

        var intakes = Enumerable.Range(0, processes)
            .Select(i => runtime.RunAsync("intake", "--json", new JsonObject { ["kind"] = "k", ["source"] = $"s{i}", ["payload"] = new JsonObject { ["i"] = i } }.ToJsonString())).ToArray();
        var claimed = new List<string>();
        var claimer = Task.Run(async () =>
        {
            // Competes with the intake processes for the write lock while they create and migrate the file.
            while (!File.Exists(runtime.DbPath))
            {
                await Task.Delay(20);
            }

            using var db = await OpenWhenReadyAsync(runtime.DbPath);
            var store = new TaskStore(db, new TaskStoreOptions { DefaultProfile = "tester", MaxAttempts = 2, RetryBackoffSeconds = 1, RunnerId = "claimer" }, TimeProvider.System);
            while (claimed.Count < processes)
            {
                if (store.Claim() is { } task)
                {
                    claimed.Add(task.Task.TaskId);
                }
                else
                {
                    await Task.Delay(20);
                }
            }
        });
        var results = await Task.WhenAll(intakes);
        await claimer.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(results.Select(r => r.Json["task_id"]!.GetValue<string>()).Order(), claimed.Order());
        Assert.Equal(processes.ToString(System.Globalization.CultureInfo.InvariantCulture), Row(runtime.DbPath, "SELECT COUNT(*) FROM task_attempts"));
        Assert.Equal(SchemaMigrations.All.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Row(runtime.DbPath, "SELECT COUNT(*) FROM schema_migrations"));
        var status = await runtime.RunAsync("status");
        Assert.Equal($$"""[{"status":"running","count":{{processes}}}]""", status.Json["counts"]!.ToJsonString());
    }

    private static async Task<RuntimeDatabase> OpenWhenReadyAsync(string path)
    {
        // The file may exist before its creator finished the schema; opening is idempotent, so retry briefly.
        for (var i = 0; ; i++)
        {
            try
            {
                return RuntimeDatabase.Open(path, TimeProvider.System);
            }
            catch (SqliteException) when (i < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task AssertRejectedAsync(TestRuntime runtime, CliResult result, string message)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        var status = await runtime.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Empty(status.Json["counts"]!.AsArray());
        Assert.Null(status.Json["lastEvent"]);
    }

    private static string Row(string dbPath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
