using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class WorkflowApiTests
{
    [Fact(Timeout = 60000)]
    public async Task Workflows_AnyMethod_EveryWorkflowOldestFirstWithParsedContext()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();
        await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "first", "--context", """{"goal":"a"}""");
        await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "second");
        await runtime.RunAsync("workflow-complete", "--id", "2");
        await using var web = await WebServerFixture.StartAsync(runtime);

        var get = await web.GetAsync("/api/workflows");
        var post = await web.PostAsync("/api/workflows", null);

        Assert.Equal(HttpStatusCode.OK, get.Status);
        var workflows = get.Json["workflows"]!.AsArray();
        Assert.Equal(["first", "second"], workflows.Select(w => w!["instance_key"]!.GetValue<string>()));
        Assert.Equal("a", workflows[0]!["context"]!["goal"]!.GetValue<string>());
        Assert.Equal("{\"goal\":\"a\"}", workflows[0]!["context_json"]!.GetValue<string>());
        Assert.NotNull(workflows[1]!["completed_at"]);
        Assert.Equal(get.Body, post.Body);
    }
}
