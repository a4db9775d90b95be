using System.Diagnostics;
using AgentRuntime.Host.Tests.Flow;
using AgentRuntime.Host.Tests.Resident;
using AgentRuntime.Host.Tests.TestSupport;
using Xunit.Abstractions;
using static AgentRuntime.Host.Tests.Hardening.HostileEnvironmentChecks;

namespace AgentRuntime.Host.Tests.Hardening;

/// <summary>
/// Issue 11 harness, hostile environment: while an attempt's adapter runs (under <c>run-once</c> and
/// <c>serve</c> in turn), its audit directory, the <c>adapter-runs</c> root, the bundles or the whole
/// artifacts root is deleted. The attempt still finalizes (its task completed, or requeued with a
/// clear error; never left <c>running</c>), a completed task has its audit directory again, nothing
/// crashes, and the next cycles drain the queue. 4 rounds by default, 30 in soak mode.
/// </summary>
[Collection(nameof(ExclusiveCollection))]
[Trait(Soak.Category, Soak.Trait)]
public sealed class HostileEnvironmentDeletedArtifactsTests(ITestOutputHelper output)
{
    private static readonly string[] Targets = ["task audit directory", "adapter-runs", "bundles", "artifacts root"];

    [Fact(Timeout = 1_800_000)]
    public async Task ArtifactDirectoriesDeletedMidRun_AttemptFinalizes_NextCycleWorks()
    {
        var rounds = Soak.Size(reduced: 4, full: 30);
        using var runtime = Runtime($"echo started\nsleep 1.5\necho '{Completed}'");
        var db = runtime.DbPath;
        var queued = new List<string>();
        var problems = new List<string>();
        var withoutAudit = 0;
        for (var round = 0; round < rounds; round++)
        {
            var id = await runtime.IntakeAsync(TaskJson($"deleted-{round}"));
            queued.Add(id);
            var target = Targets[round % Targets.Length];
            var taskAudit = Path.Combine(runtime.ArtifactDir, "adapter-runs", id);
            if (round % 2 == 0)
            {
                var cycle = HostCli.RunAsync(runtime.Directory.Path, ["run-once", "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(120));
                await DeleteWhileRunningAsync(runtime, id, target);
                var result = await cycle;
                Note(problems, result.ExitCode != 0 || IsCrash(result) ? "failed or crashed" : null, $"run-once ({target} deleted)", result);
            }
            else
            {
                var (serve, _) = await ServeProcess.StartAsync(runtime);
                using (serve)
                {
                    await DeleteWhileRunningAsync(runtime, id, target);
                    Assert.True(await ProcessTree.WaitUntilAsync(() => Status(db, id) != "running", TimeSpan.FromSeconds(60)), $"{id} left running under serve");
                    await serve.SignalAsync("TERM");
                    var exited = await serve.WaitForExitAsync(TimeSpan.FromSeconds(30));
                    var stderr = exited ? await serve.StderrAsync() : "";
                    var result = new CliResult(exited ? serve.ExitCode : -1, "", stderr);
                    Note(problems, !exited || serve.ExitCode != 0 || IsCrash(result) ? "failed or crashed" : null, $"serve ({target} deleted)", result);
                }
            }

            var status = Status(db, id);
            Assert.NotEqual("running", status);
            if (status == "completed" && !Directory.Exists(taskAudit))
            {
                withoutAudit++;
            }
        }

        // The next cycles: whatever was requeued runs.
        for (var cycle = 0; cycle < rounds * 3; cycle++)
        {
            var result = await HostCli.RunAsync(runtime.Directory.Path, ["run-once", "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(120));
            Assert.True(result.ExitCode == 0, result.ToString());
            if (result.Json["status"]?.GetValue<string>() == "idle")
            {
                break;
            }

            await Task.Delay(1100);
        }

        var tasks = TestDb.Query(db, "SELECT task_id, status FROM tasks");
        var running = (long)TestDb.Scalar(db, "SELECT COUNT(*) FROM task_attempts WHERE status = 'running'")!;
        var integrity = (string)TestDb.Scalar(db, "PRAGMA integrity_check")!;
        var requeued = (long)TestDb.Scalar(db, "SELECT COUNT(*) FROM task_attempts WHERE status != 'running' AND exit_status != 'ok'")!;
        output.WriteLine($"artifacts deleted mid-run: {rounds} rounds, {problems.Count} failed or crashed, {queued.Count - tasks.Count} lost, "
            + $"{tasks.Count(t => (string)t["status"]! != "completed")} not completed, {requeued} attempts failed and retried, {withoutAudit} completed without audit directory, "
            + $"{running} attempts running, integrity_check {integrity}");

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.Equal(queued.Order(), tasks.Select(t => (string)t["task_id"]!).Order());
        Assert.All(tasks, t => Assert.Equal("completed", t["status"]));
        Assert.Equal(0, withoutAudit);
        Assert.Equal(0L, running);
        Assert.Equal("ok", integrity);
    }

    /// <summary>Waits until the task's attempt runs (its live output is in its audit directory), then deletes <paramref name="target"/>.</summary>
    private static async Task DeleteWhileRunningAsync(TestRuntime runtime, string taskId, string target)
    {
        var audit = Path.Combine(runtime.ArtifactDir, "adapter-runs", taskId);
        var started = Stopwatch.StartNew();
        while (!(Status(runtime.DbPath, taskId) == "running" && Directory.Exists(audit) && Directory.EnumerateFiles(audit, "stdout.log", SearchOption.AllDirectories).Any()))
        {
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), $"the attempt of {taskId} did not start");
            await Task.Delay(50);
        }

        var path = target switch
        {
            "task audit directory" => audit,
            "adapter-runs" => Path.Combine(runtime.ArtifactDir, "adapter-runs"),
            "bundles" => Path.Combine(runtime.ArtifactDir, "bundles"),
            _ => runtime.ArtifactDir,
        };
        Directory.Delete(path, recursive: true);
    }

    private static string? Status(string db, string taskId) => (string?)TestDb.Scalar(db, "SELECT status FROM tasks WHERE task_id = $id", ("$id", taskId));
}
