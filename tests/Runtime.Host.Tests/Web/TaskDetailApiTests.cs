using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class TaskDetailApiTests
{
    [Fact(Timeout = 180_000)]
    public async Task TaskDetail_AfterARealAttempt_AttemptWithBundleAndAuditPathsTheArtifactRouteOpens()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", """echo "hello from the agent"; echo '{"status":"completed","operator_summary":"done","machine_status":"ok"}'""");
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"note","source":"s","payload":{}}""");
        Assert.Equal("completed", (await runtime.RunAsync("run-once")).Json["status"]!.GetValue<string>());
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync($"/api/tasks/{taskId}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(taskId, response.Json["task"]!["task_id"]!.GetValue<string>());
        Assert.Equal("script-ok", response.Json["task"]!["adapter"]!.GetValue<string>());
        var attempt = Assert.Single(response.Json["attempts"]!.AsArray())!.AsObject();
        Assert.Equal(
            ["attempt_id", "adapter_id", "status", "exit_status", "retry_class", "started_at", "finished_at", "duration_ms", "diagnostics", "cancel_requested", "bundle", "audit"],
            attempt.Select(p => p.Key));
        Assert.Equal("finished", attempt["status"]!.GetValue<string>());
        Assert.Equal("ok", attempt["exit_status"]!.GetValue<string>());
        Assert.True(attempt["duration_ms"]!.GetValue<long>() >= 0);
        Assert.False(attempt["cancel_requested"]!.GetValue<bool>());
        Assert.NotNull(attempt["diagnostics"]);
        var attemptId = attempt["attempt_id"]!.GetValue<string>();
        Assert.Equal($"adapter-runs/{taskId}/{attemptId}/stdout.log", attempt["audit"]!["stdout"]!.GetValue<string>());
        var prompt = await web.GetAsync("/api/artifact?path=" + Uri.EscapeDataString(attempt["bundle"]!["prompt_path"]!.GetValue<string>()));
        var stdout = await web.GetAsync("/api/artifact?path=" + Uri.EscapeDataString(attempt["audit"]!["stdout"]!.GetValue<string>()));
        var bundle = await web.GetAsync("/api/artifact?path=" + Uri.EscapeDataString(attempt["bundle"]!["json_path"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, prompt.Status);
        Assert.Contains("Do what the task says.", prompt.Json["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("hello from the agent", stdout.Json["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("application/json; charset=utf-8", bundle.Json["content_type"]!.GetValue<string>());
        Assert.Equal(64, attempt["bundle"]!["sha256"]!.GetValue<string>().Length);
    }

    [Fact(Timeout = 60000)]
    public async Task TaskDetail_QueuedTask_NoAttemptsAndUnknownIdIs404()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        await using var web = await WebServerFixture.StartAsync(runtime);

        var queued = await web.GetAsync($"/api/tasks/{taskId}");
        var unknown = await web.GetAsync("/api/tasks/nope");
        var post = await web.PostAsync($"/api/tasks/{taskId}", "{}");

        Assert.Empty(queued.Json["attempts"]!.AsArray());
        Assert.Null(queued.Json["task"]!["adapter"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("task not found: nope", unknown.Error);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.Status);
    }
}
