using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// The versioned migrations (spec §3.3). The first two carry the reference ids so a database the
/// Bun runtime migrated is recognized as up to date. Later ones are additive only (new indexes,
/// tables and triggers), so the Bun runtime can still open and write a database migrated here: it
/// ignores ids it does not know, and SQLite maintains the indexes and triggers for it.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        // Core tables are created unconditionally at open, for pre-migration databases.
        new("0001_runtime_core", "record baseline runtime schema", ""),
        new("0002_schedules_and_sensor_events", "add recurring schedules and sensor event intake", """
            CREATE TABLE IF NOT EXISTS schedules (
              schedule_id TEXT PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              enabled INTEGER NOT NULL,
              interval_seconds INTEGER NOT NULL,
              next_run_at TEXT NOT NULL,
              last_run_at TEXT,
              task_json TEXT NOT NULL,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS sensor_events (
              sensor_event_id TEXT PRIMARY KEY,
              sensor_id TEXT NOT NULL,
              event_id TEXT NOT NULL,
              observed_at TEXT NOT NULL,
              source_ref TEXT NOT NULL,
              dedupe_key TEXT NOT NULL UNIQUE,
              payload_json TEXT NOT NULL,
              task_id TEXT,
              workflow_id INTEGER,
              created_at TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS idx_schedules_due
              ON schedules (enabled, next_run_at);
            CREATE UNIQUE INDEX IF NOT EXISTS idx_sensor_events_sensor_event
              ON sensor_events (sensor_id, event_id);
            """),
        new("0003_task_store_hot_path_indexes", "add indexes for claim, recent tasks, latest attempt and bundle, running attempts and source dedupe", HotPathIndexesSql),
        new("0004_task_status_counts", "maintain task counts per status with triggers", StatusCountsSql),
        new("0005_task_cancel_requests", "record operator cancel requests of running attempts", CancelRequestsSql),
        new("0006_task_status_updated_index", "add an index for the most recently updated tasks of one status", StatusUpdatedIndexSql),
        new("0007_attempt_processes", "record the processes of attempts and of their runners", ProcessesSql),
    ];

    /// <summary>
    /// What the sweep after a crash needs to stop a dead runner's tree and to know a runner is dead:
    /// the process each attempt started (pid, process group, cgroup), and each runner's process
    /// identity (<c>&lt;boot id&gt;/&lt;start ticks&gt;</c>), so a pid reused by another process does not
    /// keep its attempts "running" for ever. New tables only: the Bun runtime never reads them, and
    /// its attempts simply have no rows in them.
    /// </summary>
    private const string ProcessesSql = """
        CREATE TABLE IF NOT EXISTS attempt_processes (
          attempt_id TEXT NOT NULL,
          pid INTEGER NOT NULL,
          process_group INTEGER,
          process_identity TEXT,
          control_group TEXT,
          recorded_at TEXT NOT NULL,
          PRIMARY KEY (attempt_id, pid)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS runner_processes (
          runner_id TEXT PRIMARY KEY,
          pid INTEGER NOT NULL,
          process_identity TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// <c>GET /api/tasks?status=</c> lists the latest tasks of one status. Walking
    /// <c>idx_tasks_updated_at</c> and skipping other statuses stops early only for a common status;
    /// for a rare or empty one it read the whole index (a million tasks: about a second per request).
    /// </summary>
    private const string StatusUpdatedIndexSql = """
        CREATE INDEX IF NOT EXISTS idx_tasks_status_updated_at
          ON tasks (status, updated_at);
        """;

    /// <summary>
    /// A cancel of a running task is a request the process running the attempt acts on (B27): it
    /// polls this table by attempt id while the adapter runs, and a boot sweep reads it for an
    /// attempt whose runner died. A new table, so the Bun runtime, which never reads it, is unaffected.
    /// </summary>
    private const string CancelRequestsSql = """
        CREATE TABLE IF NOT EXISTS task_cancel_requests (
          attempt_id TEXT PRIMARY KEY,
          task_id TEXT NOT NULL,
          reason TEXT,
          requested_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS idx_task_cancel_requests_task
          ON task_cancel_requests (task_id);
        """;

    /// <summary>
    /// Every hot query walks one of these in order and stops early (ARCHITECTURE §5). The claim
    /// index is partial: it holds only claimable statuses, so it stays small when most tasks are
    /// finished, and its order (priority DESC, created_at, then the implicit rowid) is the claim order.
    /// </summary>
    private const string HotPathIndexesSql = """
        CREATE INDEX IF NOT EXISTS idx_tasks_claimable
          ON tasks (priority DESC, created_at ASC) WHERE status IN ('pending', 'retryable_failure');
        CREATE INDEX IF NOT EXISTS idx_tasks_stranded
          ON tasks (status) WHERE status = 'retryable_failure' AND attempt_count >= max_attempts;
        CREATE INDEX IF NOT EXISTS idx_tasks_updated_at
          ON tasks (updated_at);
        CREATE INDEX IF NOT EXISTS idx_tasks_source_status
          ON tasks (source, status);
        CREATE INDEX IF NOT EXISTS idx_task_attempts_task_latest
          ON task_attempts (task_id, started_at DESC, attempt_id DESC);
        CREATE INDEX IF NOT EXISTS idx_task_attempts_running
          ON task_attempts (task_id) WHERE status = 'running';
        CREATE INDEX IF NOT EXISTS idx_bundles_task_latest
          ON bundles (task_id, created_at DESC, bundle_id DESC);
        """;

    /// <summary>
    /// Counting a million rows per <c>status</c> call is a full index scan; these triggers keep the
    /// counts in step with every writer of the file, the Bun runtime included. Back-filled once here,
    /// in the same transaction that creates the triggers, so no write is missed. Plain INSERT OR
    /// IGNORE + UPDATE rather than UPSERT, so any SQLite that can read the file (3.8.3 and later,
    /// for the partial indexes and WITHOUT ROWID) can also parse the triggers. (A REPLACE that
    /// deletes a task would skip the delete trigger; neither runtime replaces task rows.)
    /// </summary>
    private const string StatusCountsSql = """
        CREATE TABLE IF NOT EXISTS task_status_counts (
          status TEXT PRIMARY KEY,
          task_count INTEGER NOT NULL
        ) WITHOUT ROWID;
        DELETE FROM task_status_counts;
        INSERT INTO task_status_counts (status, task_count)
          SELECT status, COUNT(*) FROM tasks GROUP BY status;
        CREATE TRIGGER IF NOT EXISTS trg_tasks_count_insert AFTER INSERT ON tasks
        BEGIN
          INSERT OR IGNORE INTO task_status_counts (status, task_count) VALUES (NEW.status, 0);
          UPDATE task_status_counts SET task_count = task_count + 1 WHERE status = NEW.status;
        END;
        CREATE TRIGGER IF NOT EXISTS trg_tasks_count_delete AFTER DELETE ON tasks
        BEGIN
          UPDATE task_status_counts SET task_count = task_count - 1 WHERE status = OLD.status;
        END;
        CREATE TRIGGER IF NOT EXISTS trg_tasks_count_update AFTER UPDATE OF status ON tasks
          WHEN OLD.status IS NOT NEW.status
        BEGIN
          UPDATE task_status_counts SET task_count = task_count - 1 WHERE status = OLD.status;
          INSERT OR IGNORE INTO task_status_counts (status, task_count) VALUES (NEW.status, 0);
          UPDATE task_status_counts SET task_count = task_count + 1 WHERE status = NEW.status;
        END;
        """;

    /// <summary>
    /// True when every known migration is recorded: this host already brought the file up to date
    /// (core schema and legacy back-fills included), and nothing since can have undone that, so
    /// opening skips the idempotent DDL. Keeps a dispatch cycle's start-up short.
    /// </summary>
    public static bool AllApplied(RuntimeDatabase database)
    {
        var exists = database.Scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
        if (exists is null)
        {
            return false;
        }

        var applied = AppliedIds(database);
        return All.All(m => applied.Contains(m.Id));
    }

    public static void Apply(RuntimeDatabase database)
    {
        database.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
              id TEXT PRIMARY KEY,
              description TEXT NOT NULL,
              applied_at TEXT NOT NULL
            )
            """);
        var applied = AppliedIds(database);
        foreach (var migration in All.Where(m => !applied.Contains(m.Id)))
        {
            database.InTransaction(() =>
            {
                // Another process may have applied it between our read and taking the write lock.
                if (AppliedIds(database).Contains(migration.Id))
                {
                    return;
                }

                if (migration.Sql.Length > 0)
                {
                    database.Execute(migration.Sql);
                }

                database.Execute(
                    "INSERT INTO schema_migrations (id, description, applied_at) VALUES ($id, $description, $applied_at)",
                    ("$id", migration.Id),
                    ("$description", migration.Description),
                    ("$applied_at", IsoTime.Now(database.Time)));
            });
        }
    }

    public static HashSet<string> AppliedIds(RuntimeDatabase database)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var command = database.Command("SELECT id FROM schema_migrations");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
