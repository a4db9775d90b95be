using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class TaskListApiTests
{
    [Fact(Timeout = 60000)]
    public async Task Tasks_SeveralTasks_NewestUpdatedFirstWithTheSummaryKeysInOrder()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();
        var first = await runtime.IntakeAsync("""{"kind":"k","source":"a","subject":"first","payload":{"x":1},"requested_adapter":"script-ok"}""");
        var second = await runtime.IntakeAsync("""{"kind":"k","source":"b","subject":"second","payload":{}}""");
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync("/api/tasks");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var tasks = response.Json["tasks"]!.AsArray();
        Assert.Equal([second, first], tasks.Select(t => t!["task_id"]!.GetValue<string>()));
        Assert.Equal(
            ["task_id", "kind", "source", "subject", "description", "priority", "payload", "status", "requested_profile", "created_at", "updated_at",
             "started_at", "finished_at", "attempt_count", "max_attempts", "available_at", "last_error", "artifact_paths", "operator_summary",
             "machine_status", "requested_adapter", "adapter"],
            tasks[0]!.AsObject().Select(p => p.Key));
        Assert.Equal("script-ok", tasks[1]!["requested_adapter"]!.GetValue<string>());
        Assert.Null(tasks[0]!["requested_adapter"]);
        Assert.Null(tasks[1]!["adapter"]);
        Assert.Empty(tasks[1]!["artifact_paths"]!.AsArray());
        Assert.Equal(1, tasks[1]!["payload"]!["x"]!.GetValue<int>());
    }

    [Fact(Timeout = 60000)]
    public async Task Tasks_LimitAndStatus_ClampsTheLimitAndFiltersOneStatus()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();
        var blocked = await runtime.IntakeAsync("""{"kind":"k","source":"a","payload":{}}""");
        await runtime.IntakeAsync("""{"kind":"k","source":"b","payload":{}}""");
        await runtime.IntakeAsync("""{"kind":"k","source":"c","payload":{}}""");
        TestDb.Execute(runtime.DbPath, "UPDATE tasks SET status = 'blocked' WHERE task_id = $id", ("$id", blocked));
        await using var web = await WebServerFixture.StartAsync(runtime);

        var zero = (await web.GetAsync("/api/tasks?limit=0")).Json["tasks"]!.AsArray();
        var two = (await web.GetAsync("/api/tasks?limit=2")).Json["tasks"]!.AsArray();
        var junk = (await web.GetAsync("/api/tasks?limit=abc")).Json["tasks"]!.AsArray();
        var onlyBlocked = (await web.GetAsync("/api/tasks?status=blocked")).Json["tasks"]!.AsArray();
        var unknown = (await web.GetAsync("/api/tasks?status=nonsense")).Json["tasks"]!.AsArray();

        Assert.Single(zero);
        Assert.Equal(2, two.Count);
        Assert.Equal(3, junk.Count);
        Assert.Equal(blocked, Assert.Single(onlyBlocked)!["task_id"]!.GetValue<string>());
        Assert.Empty(unknown);
    }

    [Fact(Timeout = 60000)]
    public async Task Tasks_AttemptRecorded_AdapterIsTheLatestAttemptsAdapter()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"a","payload":{}}""");
        TestDb.Execute(
            runtime.DbPath,
            """
            INSERT INTO task_attempts (attempt_id, task_id, adapter_id, adapter_kind, runner_id, status, started_at)
            VALUES ('a1', $id, 'old-adapter', 'script', 'r', 'finished', '2026-01-01T00:00:00.000Z'),
                   ('a2', $id, 'new-adapter', 'script', 'r', 'running', '2026-01-02T00:00:00.000Z')
            """,
            ("$id", taskId));
        await using var web = await WebServerFixture.StartAsync(runtime);

        var task = (await web.GetAsync("/api/tasks")).Json["tasks"]![0]!;

        Assert.Equal("new-adapter", task["adapter"]!.GetValue<string>());
    }

    [Theory(Timeout = 60000)]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Tasks_NotGet_Is405NamingTheMethod(string method)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.SendAsync(new HttpMethod(method), "/api/tasks");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal($"{method} not supported", response.Error);
    }
}
