using System.Globalization;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Benchmarks;

/// <summary>Bulk-fills a database in one transaction with prepared statements (not through enqueue, which commits per task).</summary>
internal static class TaskFiller
{
    public static void Fill(RuntimeDatabase db, int count, QueueMix mix, DateTimeOffset now)
    {
        var random = new Random(42);

        // Bulk-load settings: random UUID keys touch pages all over each B-tree, so a larger page cache
        // keeps the load from thrashing, and a load into a throwaway file needs no journal or fsync
        // (in WAL mode the whole load would also be written twice). All are restored afterwards, so
        // the measured queries run exactly as the runtime opens the file.
        var defaultCache = db.Scalar("PRAGMA cache_size");
        var defaultSynchronous = db.Scalar("PRAGMA synchronous");
        db.Execute("PRAGMA journal_mode = OFF");
        db.Execute("PRAGMA synchronous = OFF");
        db.Execute("PRAGMA cache_size = -400000");
        db.InTransaction(() =>
        {
            using var task = db.Command("""
                INSERT INTO tasks (task_id, kind, source, subject, description, priority, payload_json, requested_profile,
                  requested_adapter, status, created_at, updated_at, attempt_count, max_attempts, available_at, finished_at, outcome_json)
                VALUES ($id, $kind, $source, NULL, NULL, $priority, $payload, 'lumen', '', $status, $created, $updated, $attempts, 3, $available, $finished, $outcome)
                """, ("$id", ""), ("$kind", ""), ("$source", ""), ("$priority", 0), ("$payload", ""), ("$status", ""), ("$created", ""),
                ("$updated", ""), ("$attempts", 0), ("$available", ""), ("$finished", null), ("$outcome", null));
            using var attempt = db.Command("""
                INSERT INTO task_attempts (attempt_id, task_id, adapter_id, adapter_kind, model, runner_id, status, started_at, ended_at, exit_status, retry_class)
                VALUES ($id, $task, 'codex-local', 'agent-cli', 'qwen3', 'bench:1:2026-01-01T00:00:00.000Z', 'finished', $started, $ended, 'ok', 'none')
                """, ("$id", ""), ("$task", ""), ("$started", ""), ("$ended", ""));
            task.Prepare();
            attempt.Prepare();
            var start = now.AddSeconds(-count);
            for (var i = 0; i < count; i++)
            {
                var created = IsoTime.ToIso(start.AddSeconds(i));
                var status = mix == QueueMix.AllPending ? TaskStatuses.Pending : Status(random.Next(100));
                var finished = status is TaskStatuses.Completed or TaskStatuses.Blocked or TaskStatuses.PermanentFailure;
                var delayed = status == TaskStatuses.Pending && mix == QueueMix.MostlyFinished && random.Next(3) == 0;
                var updated = finished || status == TaskStatuses.RetryableFailure ? IsoTime.ToIso(start.AddSeconds(i + 30)) : created;
                var id = Guid.NewGuid().ToString();
                task.Parameters["$id"].Value = id;
                task.Parameters["$kind"].Value = i % 4 == 0 ? "aibtc-checkin" : "github-story";
                task.Parameters["$source"].Value = "bench:" + (i % 5000).ToString(CultureInfo.InvariantCulture);
                task.Parameters["$priority"].Value = mix == QueueMix.AllPending ? 1 + random.Next(9) : 5;
                task.Parameters["$payload"].Value = "{\"repo\":\"aibtcdev/agent-runtime\",\"issue\":" + i.ToString(CultureInfo.InvariantCulture) + ",\"title\":\"benchmark task\"}";
                task.Parameters["$status"].Value = status;
                task.Parameters["$created"].Value = created;
                task.Parameters["$updated"].Value = updated;
                task.Parameters["$attempts"].Value = status == TaskStatuses.Pending ? 0 : 1;
                task.Parameters["$available"].Value = delayed ? IsoTime.ToIso(now.AddHours(1)) : created;
                task.Parameters["$finished"].Value = finished ? updated : DBNull.Value;
                task.Parameters["$outcome"].Value = finished ? "{\"status\":\"" + status + "\",\"machine_status\":\"ok\"}" : DBNull.Value;
                task.ExecuteNonQuery();
                if (status != TaskStatuses.Pending)
                {
                    attempt.Parameters["$id"].Value = Guid.NewGuid().ToString();
                    attempt.Parameters["$task"].Value = id;
                    attempt.Parameters["$started"].Value = IsoTime.ToIso(start.AddSeconds(i + 1));
                    attempt.Parameters["$ended"].Value = updated;
                    attempt.ExecuteNonQuery();
                }
            }
        });
        db.Execute($"PRAGMA cache_size = {Convert.ToInt64(defaultCache, CultureInfo.InvariantCulture)}");
        db.Execute($"PRAGMA synchronous = {Convert.ToInt64(defaultSynchronous, CultureInfo.InvariantCulture)}");
        db.Execute("PRAGMA journal_mode = WAL");
    }

    private static string Status(int percentile) => percentile switch
    {
        < 90 => TaskStatuses.Completed,
        < 93 => TaskStatuses.Blocked,
        < 95 => TaskStatuses.PermanentFailure,
        < 98 => TaskStatuses.Pending,
        _ => TaskStatuses.RetryableFailure,
    };
}
