using System.Net;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class QueueApiTests
{
    [Fact(Timeout = 60000)]
    public async Task Queue_MessageOnly_OperatorTaskWithTheSpecsDefaults()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);
        var message = "  please /review the diff and run /deploy-check " + new string('x', 150) + "  ";

        var response = await web.PostAsync("/api/tasks/queue", new JsonObject { ["message"] = message, ["skill_refs"] = new JsonArray("deploy-check", " ", "lint") }.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(["ok", "task_id", "kind", "source"], response.Json.Select(p => p.Key));
        Assert.Equal("operator", response.Json["kind"]!.GetValue<string>());
        Assert.Equal("operator-ui", response.Json["source"]!.GetValue<string>());
        var task = runtime.Task(response.Json["task_id"]!.GetValue<string>());
        var trimmed = message.Trim();
        Assert.Equal("operator", task["kind"]);
        Assert.Equal(trimmed[..120], task["subject"]);
        Assert.Equal("Operator UI: " + trimmed, task["description"]);
        Assert.Equal(5L, task["priority"]);
        Assert.Equal("tester", task["requested_profile"]);
        Assert.Equal("script-ok", task["requested_adapter"]);
        Assert.Equal(2L, task["max_attempts"]);
        var payload = JsonNode.Parse((string)task["payload_json"]!)!.AsObject();
        Assert.Equal(trimmed, payload["message"]!.GetValue<string>());
        Assert.Equal(["deploy-check", "lint", "review"], payload["skill_refs"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.False(payload.ContainsKey("parent_id"));
    }

    [Fact(Timeout = 60000)]
    public async Task Queue_ReplyWithFields_KeepsSubjectParentKindOverrideAndPriority()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.PostAsync("/api/tasks/queue", """{"message":"again","subject":" [re: 1234abcd] again ","parent_id":"p-1","kind":"triage","priority":9,"max_attempts":4}""");

        var task = runtime.Task(response.Json["task_id"]!.GetValue<string>());
        var payload = JsonNode.Parse((string)task["payload_json"]!)!.AsObject();
        Assert.Equal("[re: 1234abcd] again", task["subject"]);
        Assert.Equal(9L, task["priority"]);
        Assert.Equal(4L, task["max_attempts"]);
        Assert.Equal("p-1", payload["parent_id"]!.GetValue<string>());
        Assert.Equal("triage", payload["kind_override"]!.GetValue<string>());
        Assert.False(payload.ContainsKey("skill_refs"));
    }

    [Theory(Timeout = 60000)]
    [InlineData("{oops", "valid JSON body is required")]
    [InlineData("\"text\"", "valid JSON body is required")]
    [InlineData("""{"message":"   "}""", "message is required")]
    [InlineData("""{"subject":"no message"}""", "message is required")]
    [InlineData("""{"message":"m","requested_profile":"nope"}""", "requested_profile: unknown profile \"nope\"; configured profiles: tester")]
    public async Task Queue_BadRequest_Is400AndQueuesNothing(string body, string error)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.PostAsync("/api/tasks/queue", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, response.Error);
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks"));
    }

    [Fact(Timeout = 60000)]
    public async Task Queue_Get_Is405()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync("/api/tasks/queue");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("GET not supported", response.Error);
    }
}
