using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class PauseApiTests
{
    [Fact(Timeout = 60000)]
    public async Task Pause_PostThenGetThenResume_WritesThePauseFileAndRecordsBothEvents()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var initial = await web.GetAsync("/api/pause");
        var paused = await web.PostAsync("/api/pause", """{"paused":true,"reason":"deploy"}""");
        var read = await web.GetAsync("/api/pause");
        var resumed = await web.PostAsync("/api/pause", """{"paused":false}""");

        Assert.Equal("{\n  \"paused\": false,\n  \"reason\": null,\n  \"updated_at\": null\n}", initial.Body);
        Assert.Equal(HttpStatusCode.OK, paused.Status);
        Assert.Equal(["ok", "paused", "reason", "updated_at"], paused.Json.Select(p => p.Key));
        Assert.True(paused.Json["paused"]!.GetValue<bool>());
        Assert.Equal("deploy", read.Json["reason"]!.GetValue<string>());
        Assert.False(resumed.Json["paused"]!.GetValue<bool>());
        Assert.False(File.Exists(Path.Combine(runtime.StateDir, "dispatch.paused.json")));
        Assert.Equal(["dispatch_pause_enabled", "dispatch_pause_cleared"], TestDb.EventTypes(runtime.DbPath));
    }

    [Theory(Timeout = 60000)]
    [InlineData("{not json", "valid JSON body is required")]
    [InlineData("", "valid JSON body is required")]
    [InlineData("""{"paused":"yes"}""", "paused boolean is required")]
    [InlineData("[true]", "paused boolean is required")]
    public async Task Pause_BadBody_Is400WithTheSpecsMessageAndWritesNothing(string body, string error)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.PostAsync("/api/pause", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, response.Error);
        Assert.Empty(TestDb.EventTypes(runtime.DbPath));
    }

    [Fact(Timeout = 60000)]
    public async Task Pause_Put_Is405()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.SendAsync(HttpMethod.Put, "/api/pause", "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("PUT not supported", response.Error);
    }
}
