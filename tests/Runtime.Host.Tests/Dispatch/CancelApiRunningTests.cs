using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>The issue's cancel test through the web API: a real run-once process stopped by <c>POST /api/tasks/{id}/cancel</c>.</summary>
public sealed class CancelApiRunningTests
{
    [Fact(Timeout = 120_000)]
    public async Task CancelRoute_RunningTaskWithGrandchild_Is200AndTheTreeIsGone()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");
        runtime.AddScriptAdapter(
            "script-ok",
            $"echo $$ >> {pids}\n( sleep 300 & echo $! >> {pids}; wait ) &\necho $! >> {pids}\necho started\nwait",
            timeoutMs: 120_000);
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        await using var web = await WebServerFixture.StartAsync(runtime);

        using var dispatcher = CancelHarness.StartRunOnce(runtime);
        Assert.True(
            await ProcessTree.WaitUntilAsync(() => File.Exists(pids) && File.ReadAllLines(pids).Length >= 3, TimeSpan.FromSeconds(60)),
            "the script never started its tree");
        var launched = File.ReadAllLines(pids).Where(l => l.Length > 0).Select(int.Parse).ToDictionary(pid => pid, ProcessTree.StartTime);
        var attemptId = (string)runtime.Attempts(taskId).Single()["attempt_id"]!;
        Assert.True(
            await ProcessTree.WaitUntilAsync(() => new FileInfo(Path.Combine(runtime.ArtifactDir, "adapter-runs", taskId, attemptId, "stdout.log")) is { Exists: true, Length: > 0 }, TimeSpan.FromSeconds(30)),
            "no live output");
        var live = await web.GetAsync($"/api/attempts/{attemptId}/output?channel=stdout");
        Assert.Equal("started\n", live.Json["content"]!.GetValue<string>());

        var response = await web.PostAsync($"/api/tasks/{taskId}/cancel", """{"reason":"from the drawer"}""");

        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        Assert.Equal($"{{\n  \"ok\": true,\n  \"task_id\": \"{taskId}\",\n  \"status\": \"operator_canceled\"\n}}", response.Body);
        var run = await dispatcher.WaitAsync();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("operator_canceled", run.Json["status"]!.GetValue<string>());
        var detail = await web.GetAsync($"/api/tasks/{taskId}");
        var attempt = detail.Json["attempts"]![0]!;
        Assert.Equal(("finished", "canceled", true), (attempt["status"]!.GetValue<string>(), attempt["exit_status"]!.GetValue<string>(), attempt["cancel_requested"]!.GetValue<bool>()));
        Assert.Equal(
            $$"""{"reason":"from the drawer","previous_status":"running","attempt_id":"{{attemptId}}"}""",
            TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'task_operator_canceled'"));
        foreach (var (pid, startTime) in launched)
        {
            Assert.NotNull(startTime);
            Assert.True(await ProcessTree.GoneAsync(pid, startTime), $"process {pid} survived");
        }
    }
}
