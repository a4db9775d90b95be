using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Tests.Storage;

public sealed class RuntimeDatabaseTests
{
    private static readonly string[] ExpectedMigrations =
    [
        "0001_runtime_core|record baseline runtime schema",
        "0002_schedules_and_sensor_events|add recurring schedules and sensor event intake",
        "0003_task_store_hot_path_indexes|add indexes for claim, recent tasks, latest attempt and bundle, running attempts and source dedupe",
        "0004_task_status_counts|maintain task counts per status with triggers",
        "0005_task_cancel_requests|record operator cancel requests of running attempts",
        "0006_task_status_updated_index|add an index for the most recently updated tasks of one status",
        "0007_attempt_processes|record the processes of attempts and of their runners",
    ];

    [Fact(Timeout = 60_000)]
    public async Task Open_FreshFileInMissingDirectory_CreatesSpecSchemaAndRecordsMigrationsInOrder()
    {
        await Task.Yield();
        using var harness = new StoreHarness();

        Assert.True(File.Exists(harness.DbPath));
        Assert.Equal("wal", harness.Text("PRAGMA journal_mode"));
        Assert.Equal(5000, harness.Count("PRAGMA busy_timeout"));
        Assert.Equal(0, harness.Count("PRAGMA foreign_keys"));
        Assert.Equal(ExpectedMigrations, Rows(harness.Db, "SELECT id || '|' || description FROM schema_migrations ORDER BY rowid"));
        Assert.All(Rows(harness.Db, "SELECT applied_at FROM schema_migrations"), at => Assert.Equal("2026-05-01T10:00:00.000Z", at));
        Assert.Equal(
            ["task_id", "kind", "source", "subject", "description", "priority", "payload_json", "requested_profile", "requested_adapter", "status", "created_at", "updated_at", "attempt_count", "max_attempts", "available_at", "started_at", "finished_at", "outcome_json", "last_error"],
            harness.Db.Columns("tasks"));
        Assert.Equal(
            ["attempt_id", "task_id", "adapter_id", "adapter_kind", "model", "runner_id", "bundle_id", "status", "started_at", "ended_at", "exit_status", "retry_class", "prompt_path", "stdout_path", "stderr_path", "result_path", "diagnostics_json"],
            harness.Db.Columns("task_attempts"));
        Assert.Equal(
            ["bundle_id", "task_id", "attempt_id", "bundle_hash", "agent_id", "profile_id", "adapter_id", "model", "variant_id", "evaluator_version", "replay_grade", "relative_path", "prompt_relative_path", "created_at"],
            harness.Db.Columns("bundles"));
        Assert.Equal(["id", "event_type", "task_id", "attempt_id", "detail_json", "created_at"], harness.Db.Columns("run_events"));
        Assert.Equal(["id", "template", "instance_key", "current_state", "context_json", "created_at", "updated_at", "completed_at"], harness.Db.Columns("workflows"));
        Assert.Equal(["schedule_id", "name", "enabled", "interval_seconds", "next_run_at", "last_run_at", "task_json", "created_at", "updated_at"], harness.Db.Columns("schedules"));
        Assert.Equal(["sensor_event_id", "sensor_id", "event_id", "observed_at", "source_ref", "dedupe_key", "payload_json", "task_id", "workflow_id", "created_at"], harness.Db.Columns("sensor_events"));

        var indexes = Rows(harness.Db, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'");
        Assert.Subset(
            indexes.ToHashSet(),
            new HashSet<string>
            {
                "idx_tasks_claim_queue", "idx_task_attempts_task_id_started_at", "idx_task_attempts_runner_id_status",
                "idx_bundles_task_id_created_at", "idx_bundles_attempt_id", "idx_bundles_bundle_hash", "idx_run_events_task_attempt",
                "idx_schedules_due", "idx_sensor_events_sensor_event", "idx_tasks_claimable", "idx_tasks_updated_at",
            });
        Assert.Equal(1, harness.Count("SELECT \"unique\" FROM pragma_index_list('sensor_events') WHERE name = 'idx_sensor_events_sensor_event'"));
        var checkViolation = Assert.Throws<SqliteException>(() => harness.Db.Execute(
            "INSERT INTO task_attempts (attempt_id, task_id, adapter_id, adapter_kind, runner_id, status, started_at) VALUES ('a', 't', 'x', 'y', 'r', 'paused', 'now')"));
        Assert.Contains("CHECK", checkViolation.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Open_SecondTime_AppliesNothingTwice()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        harness.Time.Advance(TimeSpan.FromHours(1));

        using var again = RuntimeDatabase.Open(harness.DbPath, harness.Time);

        Assert.Equal(7, harness.Count("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(0, harness.Count("SELECT COUNT(*) FROM schema_migrations WHERE applied_at <> '2026-05-01T10:00:00.000Z'"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Open_LegacyPreMigrationDatabase_BackfillsColumnsAndRebuildsUniqueBundleHashKeepingRows()
    {
        await Task.Yield();
        using var dir = new TempDirectory();
        var path = dir.Combine("legacy.db");
        using (var legacy = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            legacy.Open();
            using var create = legacy.CreateCommand();
            create.CommandText = """
                CREATE TABLE tasks (task_id TEXT PRIMARY KEY, kind TEXT NOT NULL, source TEXT NOT NULL, priority INTEGER NOT NULL,
                  payload_json TEXT NOT NULL, requested_profile TEXT NOT NULL, requested_adapter TEXT NOT NULL, status TEXT NOT NULL,
                  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, attempt_count INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL,
                  available_at TEXT NOT NULL, started_at TEXT, finished_at TEXT, outcome_json TEXT, last_error TEXT);
                CREATE TABLE run_events (id INTEGER PRIMARY KEY AUTOINCREMENT, event_type TEXT NOT NULL, task_id TEXT, detail_json TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE TABLE bundles (bundle_id TEXT PRIMARY KEY, task_id TEXT NOT NULL, attempt_id TEXT NOT NULL, bundle_hash TEXT NOT NULL UNIQUE,
                  agent_id TEXT, profile_id TEXT NOT NULL, adapter_id TEXT NOT NULL, model TEXT, variant_id TEXT, evaluator_version TEXT,
                  replay_grade TEXT NOT NULL, relative_path TEXT NOT NULL, prompt_relative_path TEXT NOT NULL, created_at TEXT NOT NULL);
                INSERT INTO tasks VALUES ('t1', 'probe', 'legacy', 7, '{"a":1}', 'lumen', '', 'completed', '2025-01-01T00:00:00.000Z',
                  '2025-01-01T00:01:00.000Z', 1, 3, '2025-01-01T00:00:00.000Z', NULL, '2025-01-01T00:01:00.000Z', NULL, NULL);
                INSERT INTO tasks VALUES ('t2', 'probe', 'legacy', 5, '{}', 'lumen', '', 'pending', '2025-01-01T00:00:01.000Z',
                  '2025-01-01T00:00:01.000Z', 0, 3, '2025-01-01T00:00:01.000Z', NULL, NULL, NULL, NULL);
                INSERT INTO run_events (event_type, task_id, detail_json, created_at) VALUES ('task_enqueued', 't1', '{"kind":"probe","source":"legacy"}', '2025-01-01T00:00:00.000Z');
                INSERT INTO bundles VALUES ('b1', 't1', 'a1', 'hash-1', 'lumen', 'lumen', 'codex', NULL, NULL, NULL, 'best_effort',
                  'bundles/2025-01-01/b1.json', 'bundles/2025-01-01/b1.prompt.txt', '2025-01-01T00:00:30.000Z');
                """;
            create.ExecuteNonQuery();
        }

        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(StoreHarness.Start);
        using (var db = RuntimeDatabase.Open(path, time))
        {
            Assert.Contains("subject", db.Columns("tasks"));
            Assert.Contains("description", db.Columns("tasks"));
            Assert.Contains("attempt_id", db.Columns("run_events"));
            Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM pragma_index_list('bundles') WHERE \"unique\" = 1 AND origin <> 'pk'"));
            Assert.Equal("t1|hash-1|best_effort|bundles/2025-01-01/b1.prompt.txt", db.Scalar("SELECT task_id || '|' || bundle_hash || '|' || replay_grade || '|' || prompt_relative_path FROM bundles WHERE bundle_id = 'b1'"));

            // The same hash for a second attempt is legitimate once the uniqueness is gone.
            db.Execute("""
                INSERT INTO bundles VALUES ('b2', 't1', 'a2', 'hash-1', 'lumen', 'lumen', 'codex', NULL, NULL, NULL, 'best_effort',
                  'bundles/2025-01-01/b2.json', 'bundles/2025-01-01/b2.prompt.txt', '2025-01-01T00:00:40.000Z')
                """);
            Assert.Equal(2L, db.Scalar("SELECT COUNT(*) FROM bundles WHERE bundle_hash = 'hash-1'"));
            Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'idx_bundles_bundle_hash'"));
            Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'bundles__migration'"));
            Assert.Equal("{\"a\":1}", db.Scalar("SELECT payload_json FROM tasks WHERE task_id = 't1'"));
            Assert.Equal("task_enqueued", db.Scalar("SELECT event_type FROM run_events WHERE task_id = 't1'"));
            Assert.Equal(7L, db.Scalar("SELECT COUNT(*) FROM schema_migrations"));

            var store = new TaskStore(db, new TaskStoreOptions { DefaultProfile = "lumen", MaxAttempts = 3, RetryBackoffSeconds = 0, RunnerId = "r" }, time);
            var status = store.ReadStatus();
            Assert.Equal([new StatusCount("completed", 1), new StatusCount("pending", 1)], status.Counts);
            Assert.Equal("t2", store.Claim()!.Task.TaskId);
        }
    }

    private static List<string> Rows(RuntimeDatabase db, string sql)
    {
        var rows = new List<string>();
        using var command = db.Command(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
