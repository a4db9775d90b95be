using System.Globalization;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.Flow;
using AgentRuntime.Host.Tests.Resident;
using AgentRuntime.Host.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using static AgentRuntime.Host.Tests.Hardening.HostileEnvironmentChecks;

namespace AgentRuntime.Host.Tests.Hardening;

/// <summary>
/// Issue 11 harness, hostile environment: another process (this test) holds the database's write
/// lock longer than the host waits for it (SQLite's busy timeout, then the driver's command timeout:
/// about 30 s). Commands that must write fail with one clear line naming the database, a non-zero
/// exit and no SQLITE_BUSY dump, and change nothing; a <c>serve</c> that was running (an attempt of
/// it ends under the lock, and its claim of a task coming due runs into it) and one started during
/// the lock (its boot sweep does) both survive and dispatch once it is released; every task runs
/// exactly once. 1 round by default, 3 in
/// soak mode.
/// </summary>
[Collection(nameof(ExclusiveCollection))]
[Trait(Soak.Category, Soak.Trait)]
public sealed class HostileEnvironmentLockedDatabaseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ShortestHold = TimeSpan.FromSeconds(45);

    [Fact(Timeout = 1_800_000)]
    public async Task DatabaseLockedPastBusyTimeout_WritersFailClearly_ServeSurvivesAndEachTaskRunsOnce()
    {
        var rounds = Soak.Size(reduced: 1, full: 3);
        using var runtime = Runtime($"echo '{Completed}'");
        var runsFile = runtime.Directory.Combine("runs.txt");
        runtime.AddScriptAdapter("script-ok", $"echo \"$AGENT_RUNTIME_TASK_ID\" >> {runsFile}\necho '{Completed}'", timeoutMs: 60_000);
        runtime.AddScriptAdapter("script-slow", $"echo \"$AGENT_RUNTIME_TASK_ID\" >> {runsFile}\nsleep 4\necho '{Completed}'", timeoutMs: 60_000);
        runtime.Save();
        var db = runtime.DbPath;
        var second = WriteConfig(runtime, "second");
        var oneShot = WriteConfig(runtime, "one-shot");
        var queued = new List<string> { await runtime.IntakeAsync(TaskJson("first")) };
        var problems = new List<string>();
        var commands = 0;
        var (serve, _) = await ServeProcess.StartAsync(runtime);
        ServeProcess? late = null;
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                // Ends while the lock is held: its outcome must wait for the database, not be lost or run again.
                var ending = await runtime.IntakeAsync(TaskJson($"ending-{round}")[..^1] + ""","requested_adapter":"script-slow"}""");
                queued.Add(ending);
                Assert.True(await ProcessTree.WaitUntilAsync(() => Status(db, ending) == "running", TimeSpan.FromSeconds(60)), $"{ending} did not start");

                // Comes due while the lock is held: the running serve's claim runs into it.
                var due = TimeProvider.System.GetUtcNow().AddSeconds(8).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                var delayed = await runtime.IntakeAsync(TaskJson($"due-{round}")[..^1] + $$""","available_at":"{{due}}"}""");
                queued.Add(delayed);
                var tasksBefore = (long)TestDb.Scalar(db, "SELECT COUNT(*) FROM tasks")!;

                using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString()))
                {
                    // The write lock (BEGIN IMMEDIATE), taken by this process as another program would.
                    connection.Open();
                    using var holder = connection.BeginTransaction(deferred: false);
                    var held = Task.Delay(ShortestHold);
                    var starting = round == 0 ? ServeProcess.StartWithConfigAsync(runtime, second) : null;
                    string[][] writers =
                    [
                        ["intake", "--json", TaskJson($"refused-{round}")],
                        ["sensor-event", "--json", SensorEventTests.Event],
                        ["cancel", "--task", delayed, "--reason", "locked"],
                        ["run-once", "--config", oneShot],
                    ];
                    string[][] others = [["status"], ["schedule-tick"], ["snapshot"]];
                    var writing = writers.Select(c => RunAsync(runtime, c)).ToList();
                    var other = others.Select(c => RunAsync(runtime, c)).ToList();
                    foreach (var (command, result) in writers.Zip(await Task.WhenAll(writing)))
                    {
                        Note(problems, Unclear(result, db), command[0], result);
                    }

                    foreach (var (command, result) in others.Zip(await Task.WhenAll(other)))
                    {
                        Note(problems, WorkedOrClear(result, db), command[0], result);
                    }

                    commands += writers.Length + others.Length;
                    await held;
                    Assert.Equal(tasksBefore, (long)TestDb.Scalar(db, "SELECT COUNT(*) FROM tasks")!);
                    holder.Rollback();
                    if (starting is not null)
                    {
                        (late, _) = await starting;
                    }
                }

                queued.Add(await runtime.IntakeAsync(TaskJson($"after-{round}")));
                Assert.True(await ProcessTree.WaitUntilAsync(() => Completed(db) == queued.Count, TimeSpan.FromSeconds(120)), $"{Completed(db)} of {queued.Count} completed");
            }

            Assert.False(await serve.WaitForExitAsync(TimeSpan.Zero), "serve exited");
            Assert.NotNull(late);
            foreach (var (name, process) in new[] { ("serve", serve), ("serve started under the lock", late) })
            {
                await process.SignalAsync("TERM");
                Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"{name} did not stop");
                if (process.ExitCode != 0 || (await process.StderrAsync()).Contains("   at ", StringComparison.Ordinal))
                {
                    Assert.Fail($"{name}: exit {process.ExitCode}\n{await process.StderrAsync()}");
                }
            }
        }
        finally
        {
            serve.Dispose();
            late?.Dispose();
        }

        var runs = File.ReadAllLines(runsFile);
        var running = (long)TestDb.Scalar(db, "SELECT COUNT(*) FROM task_attempts WHERE status = 'running'")!;
        var integrity = (string)TestDb.Scalar(db, "PRAGMA integrity_check")!;
        var twice = runs.GroupBy(r => r).Count(g => g.Count() > 1);
        output.WriteLine($"database locked: {rounds} rounds, {commands} commands under the lock, {problems.Count} unclear or crashed, "
            + $"{queued.Count - Completed(db)} of {queued.Count} not completed, {twice} run twice, {running} attempts running, integrity_check {integrity}");

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.Equal(queued.Count, Completed(db));
        Assert.Equal(queued.Order(), runs.Order());
        Assert.Equal(0L, running);
        Assert.Equal("ok", integrity);
    }

    private static Task<CliResult> RunAsync(TestRuntime runtime, string[] command) =>
        HostCli.RunAsync(runtime.Directory.Path, command.Contains("--config") ? command : [.. command, "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(180));

    private static string? Status(string db, string taskId) => (string?)TestDb.Scalar(db, "SELECT status FROM tasks WHERE task_id = $id", ("$id", taskId));

    private static long Completed(string db) => (long)TestDb.Scalar(db, "SELECT COUNT(*) FROM tasks WHERE status = 'completed'")!;

    private static string WriteConfig(TestRuntime runtime, string name)
    {
        var config = JsonNode.Parse(File.ReadAllText(runtime.ConfigPath))!.AsObject();
        config["lockPath"] = $"../state/dispatch-{name}.lock";
        var path = runtime.Directory.Combine("config", $"{name}.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}
