namespace AgentRuntime.Host.Storage;

/// <summary>The unconditional part of opening (spec §3.1 steps 3–6), kept textually close to the reference DDL.</summary>
internal sealed partial class RuntimeDatabase
{
    private const string CoreSchemaSql = """
        CREATE TABLE IF NOT EXISTS tasks (
          task_id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          source TEXT NOT NULL,
          subject TEXT,
          description TEXT,
          priority INTEGER NOT NULL,
          payload_json TEXT NOT NULL,
          requested_profile TEXT NOT NULL,
          requested_adapter TEXT NOT NULL,
          status TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          attempt_count INTEGER NOT NULL DEFAULT 0,
          max_attempts INTEGER NOT NULL,
          available_at TEXT NOT NULL,
          started_at TEXT,
          finished_at TEXT,
          outcome_json TEXT,
          last_error TEXT
        );
        CREATE TABLE IF NOT EXISTS run_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          event_type TEXT NOT NULL,
          task_id TEXT,
          attempt_id TEXT,
          detail_json TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS task_attempts (
          attempt_id TEXT PRIMARY KEY,
          task_id TEXT NOT NULL,
          adapter_id TEXT NOT NULL,
          adapter_kind TEXT NOT NULL,
          model TEXT,
          runner_id TEXT NOT NULL,
          bundle_id TEXT,
          status TEXT NOT NULL CHECK (status IN ('running', 'finished')),
          started_at TEXT NOT NULL,
          ended_at TEXT,
          exit_status TEXT,
          retry_class TEXT,
          prompt_path TEXT,
          stdout_path TEXT,
          stderr_path TEXT,
          result_path TEXT,
          diagnostics_json TEXT
        );
        CREATE TABLE IF NOT EXISTS bundles (
        """ + BundleColumnsSql + """
        );
        CREATE TABLE IF NOT EXISTS workflows (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          template TEXT NOT NULL,
          instance_key TEXT NOT NULL UNIQUE,
          current_state TEXT NOT NULL,
          context_json TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          completed_at TEXT
        );
        CREATE INDEX IF NOT EXISTS idx_tasks_claim_queue
          ON tasks (status, available_at, priority DESC, created_at ASC);
        CREATE INDEX IF NOT EXISTS idx_task_attempts_task_id_started_at
          ON task_attempts (task_id, started_at DESC);
        CREATE INDEX IF NOT EXISTS idx_task_attempts_runner_id_status
          ON task_attempts (runner_id, status);
        """;

    private const string BundleColumnsSql = """
          bundle_id TEXT PRIMARY KEY,
          task_id TEXT NOT NULL,
          attempt_id TEXT NOT NULL,
          bundle_hash TEXT NOT NULL,
          agent_id TEXT,
          profile_id TEXT NOT NULL,
          adapter_id TEXT NOT NULL,
          model TEXT,
          variant_id TEXT,
          evaluator_version TEXT,
          replay_grade TEXT NOT NULL CHECK (replay_grade IN ('inputs_frozen', 'best_effort', 'non_replayable_model')),
          relative_path TEXT NOT NULL,
          prompt_relative_path TEXT NOT NULL,
          created_at TEXT NOT NULL,
          FOREIGN KEY (attempt_id) REFERENCES task_attempts(attempt_id)
        """;

    private const string BundleAndEventIndexesSql = """
        CREATE INDEX IF NOT EXISTS idx_bundles_task_id_created_at
          ON bundles (task_id, created_at DESC);
        CREATE INDEX IF NOT EXISTS idx_bundles_attempt_id
          ON bundles (attempt_id);
        CREATE INDEX IF NOT EXISTS idx_bundles_bundle_hash
          ON bundles (bundle_hash);
        CREATE INDEX IF NOT EXISTS idx_run_events_task_attempt
          ON run_events (task_id, attempt_id, id);
        """;

    private void ApplyCoreSchema()
    {
        Execute(CoreSchemaSql);
        AddColumnIfMissing("tasks", "subject");
        AddColumnIfMissing("tasks", "description");
        AddColumnIfMissing("run_events", "attempt_id");
        if (BundleHashIsUnique())
        {
            RebuildBundles();
        }

        Execute(BundleAndEventIndexesSql);
    }

    /// <summary>Databases made before these columns existed get them as nullable TEXT (spec §3.1 step 4).</summary>
    private void AddColumnIfMissing(string table, string column)
    {
        if (!Columns(table).Contains(column))
        {
            Execute($"ALTER TABLE {table} ADD COLUMN {column} TEXT");
        }
    }

    internal List<string> Columns(string table)
    {
        var columns = new List<string>();
        using var command = Command($"PRAGMA table_info({table})");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.GetString(1));
        }

        return columns;
    }

    /// <summary>Old databases made the bundle hash unique; identical hashes across attempts are legitimate, so such a table is rebuilt.</summary>
    private bool BundleHashIsUnique()
    {
        var uniqueIndexes = new List<string>();
        using (var list = Command("PRAGMA index_list(bundles)"))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                if (reader.GetInt64(2) == 1)
                {
                    uniqueIndexes.Add(reader.GetString(1));
                }
            }
        }

        foreach (var index in uniqueIndexes)
        {
            using var info = Command($"PRAGMA index_info(\"{index.Replace("\"", "\"\"", StringComparison.Ordinal)}\")");
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(2) && reader.GetString(2) == "bundle_hash")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void RebuildBundles()
    {
        InTransaction(() =>
        {
            // Re-checked under the write lock: another process may have rebuilt it meanwhile.
            if (!BundleHashIsUnique())
            {
                return;
            }

            Execute("DROP TABLE IF EXISTS bundles__migration");
            Execute($"CREATE TABLE bundles__migration (\n{BundleColumnsSql}\n)");
            var shared = string.Join(", ", Columns("bundles").Intersect(Columns("bundles__migration")));
            Execute($"INSERT INTO bundles__migration ({shared}) SELECT {shared} FROM bundles");
            Execute("DROP TABLE bundles");
            Execute("ALTER TABLE bundles__migration RENAME TO bundles");
        });
    }
}
