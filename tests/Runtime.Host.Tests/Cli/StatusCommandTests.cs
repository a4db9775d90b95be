using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace AgentRuntime.Host.Tests.Cli;

public sealed class StatusCommandTests
{
    [Fact(Timeout = 120_000)]
    public async Task Status_BunFixtureDatabase_ReportsItsRowsAndMigratesOnlyAdditively()
    {
        using var fixture = new BunFixture();
        var before = Snapshot(fixture.DbPath);

        var result = await fixture.RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.Equal(["counts", "recent", "lastEvent"], json.Select(p => p.Key));

        // The reference's own GROUP BY, read from the untouched copy, in the same order.
        Assert.Equal(before.Counts, json["counts"]!.AsArray().Select(c => $"{c!["status"]}={c["count"]}"));
        Assert.Equal(["blocked=1", "completed=6", "pending=1", "retryable_failure=1"], before.Counts);
        Assert.Equal(before.Recent, json["recent"]!.AsArray().Select(r => string.Join("|", r!.AsObject().Select(p => $"{p.Key}={p.Value}"))));
        var first = json["recent"]![0]!;
        Assert.Equal("bb85b6f0-d50c-4eba-96fb-1ee9a84fbac6", first["task_id"]!.GetValue<string>());
        Assert.Equal("478749f2-7f55-47b9-be1b-166767bd4ade", first["attempt_id"]!.GetValue<string>());
        Assert.Equal("cd1c92e548bee5e606da2729537adedd09457d2162286106c1a397039118f864", first["bundle_hash"]!.GetValue<string>());
        Assert.Equal(
            """{"event_type":"task_finished","task_id":"bb85b6f0-d50c-4eba-96fb-1ee9a84fbac6","attempt_id":"478749f2-7f55-47b9-be1b-166767bd4ade","created_at":"2026-11-24T00:24:37.605Z"}""",
            json["lastEvent"]!.ToJsonString());

        var after = Snapshot(fixture.DbPath);
        Assert.Equal(before.RowCounts, after.RowCounts);
        Assert.Equal(before.Migrations, after.Migrations.Take(2));
        Assert.Equal(["0003_task_store_hot_path_indexes", "0004_task_status_counts", "0005_task_cancel_requests", "0006_task_status_updated_index", "0007_attempt_processes"], after.Migrations.Skip(2).Select(m => m.Split('|')[0]));
    }

    [Fact(Timeout = 120_000)]
    public async Task Intake_IntoBunFixtureDatabase_TaskIsClaimedAheadOfLowerPriorityWork()
    {
        using var fixture = new BunFixture();

        var intake = await fixture.RunAsync("intake", "--json", """{"kind":"probe","source":"port-check","priority":9,"payload":{"from":"dotnet"}}""");

        Assert.True(intake.ExitCode == 0, intake.ToString());
        var taskId = intake.Json["task_id"]!.GetValue<string>();
        Assert.Equal("lumen", intake.Json["profile"]!.GetValue<string>());
        // Later than every available_at in the fixture, whatever this machine's clock says.
        var fixtureDay = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider((TimeProvider.System.GetUtcNow() > fixtureDay ? TimeProvider.System.GetUtcNow() : fixtureDay).AddHours(2));
        using var db = RuntimeDatabase.Open(fixture.DbPath, time);
        var store = new TaskStore(db, new TaskStoreOptions { DefaultProfile = "lumen", MaxAttempts = 2, RetryBackoffSeconds = 0, RunnerId = "dotnet-test" }, time);

        var claimed = store.Claim();

        Assert.Equal(taskId, claimed?.Task.TaskId);
        Assert.Equal("dotnet", claimed!.Task.Payload["from"]!.GetValue<string>());

        // Then the Bun runtime's own queue: its retryable probe (1 of 2 attempts used), then the delayed heartbeat.
        Assert.Equal("93b5dbb0-373c-43b8-8020-9f80b28fb63e", store.Claim()?.Task.TaskId);
        Assert.Equal("5a470f69-67b0-4fe1-9dd0-6230adee8cc8", store.Claim()?.Task.TaskId);
        Assert.Null(store.Claim());
        Assert.Equal(new StatusCount("running", 3), store.ReadStatus().Counts.Single(c => c.Status == "running"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Status_FreshRuntime_PrintsEmptyReport()
    {
        using var runtime = new TestRuntime().Save();

        var result = await runtime.RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{\n  \"counts\": [],\n  \"recent\": [],\n  \"lastEvent\": null\n}\n", result.Stdout);
        Assert.True(File.Exists(runtime.DbPath));
    }

    private sealed record DbSnapshot(List<string> Counts, List<string> Recent, List<string> RowCounts, List<string> Migrations);

    /// <summary>Reads the fixture with the reference's own queries (datetime() ordering), independent of the store.</summary>
    private static DbSnapshot Snapshot(string dbPath)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False");
        connection.Open();
        List<string> Rows(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(reader.GetString(0));
            }

            return rows;
        }

        return new DbSnapshot(
            Rows("SELECT status || '=' || COUNT(*) FROM tasks GROUP BY status"),
            Rows("""
                SELECT 'task_id=' || t.task_id || '|kind=' || t.kind || '|status=' || t.status || '|updated_at=' || t.updated_at
                  || '|attempt_id=' || COALESCE((SELECT a.attempt_id FROM task_attempts a WHERE a.task_id = t.task_id
                       ORDER BY datetime(a.started_at) DESC, a.attempt_id DESC LIMIT 1), '')
                  || '|bundle_hash=' || COALESCE((SELECT b.bundle_hash FROM bundles b WHERE b.task_id = t.task_id
                       ORDER BY datetime(b.created_at) DESC, b.bundle_id DESC LIMIT 1), '')
                FROM tasks t ORDER BY t.updated_at DESC LIMIT 5
                """),
            Rows("""
                SELECT 'tasks=' || (SELECT COUNT(*) FROM tasks) || ' attempts=' || (SELECT COUNT(*) FROM task_attempts)
                  || ' bundles=' || (SELECT COUNT(*) FROM bundles) || ' events=' || (SELECT COUNT(*) FROM run_events)
                  || ' workflows=' || (SELECT COUNT(*) FROM workflows) || ' schedules=' || (SELECT COUNT(*) FROM schedules)
                  || ' sensor_events=' || (SELECT COUNT(*) FROM sensor_events)
                """),
            Rows("SELECT id || '|' || description || '|' || applied_at FROM schema_migrations ORDER BY rowid"));
    }
}
