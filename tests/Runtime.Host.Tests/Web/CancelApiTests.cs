using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class CancelApiTests
{
    [Fact(Timeout = 60000)]
    public async Task Cancel_PendingTask_OperatorCanceledWithTheReason()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.PostAsync($"/api/tasks/{taskId}/cancel", """{"reason":"  not needed  "}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal($"{{\n  \"ok\": true,\n  \"task_id\": \"{taskId}\",\n  \"status\": \"operator_canceled\"\n}}", response.Body);
        Assert.Equal("operator_canceled", runtime.Task(taskId)["status"]);
        var detail = (string)TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'task_operator_canceled'")!;
        Assert.Contains("\"reason\":\"not needed\"", detail, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Cancel_NoOrBadBody_CancelsWithoutAReason()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();
        var first = await runtime.IntakeAsync("""{"kind":"k","source":"a","payload":{}}""");
        var second = await runtime.IntakeAsync("""{"kind":"k","source":"b","payload":{}}""");
        await using var web = await WebServerFixture.StartAsync(runtime);

        var none = await web.PostAsync($"/api/tasks/{first}/cancel", null);
        var bad = await web.PostAsync($"/api/tasks/{second}/cancel", "{bad");

        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Equal("operator_canceled", runtime.Task(second)["status"]);
    }

    [Fact(Timeout = 60000)]
    public async Task Cancel_UnknownOrTerminal_Is400WithTheSpecsMessage()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        TestDb.Execute(runtime.DbPath, "UPDATE tasks SET status = 'completed' WHERE task_id = $id", ("$id", taskId));
        await using var web = await WebServerFixture.StartAsync(runtime);

        var unknown = await web.PostAsync("/api/tasks/nope/cancel", "{}");
        var terminal = await web.PostAsync($"/api/tasks/{taskId}/cancel", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("task not found: nope", unknown.Error);
        Assert.Equal(HttpStatusCode.BadRequest, terminal.Status);
        Assert.Equal("task is already terminal: completed", terminal.Error);
        Assert.Equal("completed", runtime.Task(taskId)["status"]);
    }

    [Fact(Timeout = 60000)]
    public async Task Cancel_Get_Is405()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync("/api/tasks/abc/cancel");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("GET not supported", response.Error);
    }
}
