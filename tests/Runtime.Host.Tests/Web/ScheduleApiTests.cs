using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class ScheduleApiTests
{
    private const string Nightly = """{"name":"nightly","interval_seconds":3600,"next_run_at":"2026-01-01T00:00:00.000Z","task":{"kind":"k","payload":{}}}""";

    [Fact(Timeout = 60000)]
    public async Task Schedules_PostThenGet_CreatedAndListedEnabledFirst()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var created = await web.PostAsync("/api/schedules", Nightly);
        await web.PostAsync("/api/schedules", """{"name":"off","enabled":false,"interval_seconds":60,"next_run_at":"2025-01-01T00:00:00.000Z","task":{"kind":"k","payload":{}}}""");
        await web.PostAsync("/api/schedules", """{"name":"early","interval_seconds":60,"next_run_at":"2025-06-01T00:00:00.000Z","task":{"kind":"k","payload":{}}}""");
        var list = await web.GetAsync("/api/schedules");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.True(created.Json["ok"]!.GetValue<bool>());
        Assert.Equal("nightly", created.Json["schedule"]!["name"]!.GetValue<string>());
        Assert.Equal(["early", "nightly", "off"], list.Json["schedules"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
    }

    [Theory(Timeout = 60000)]
    [InlineData("{\"name\":", "invalid JSON: ")]
    [InlineData("""{"name":"x","interval_seconds":"soon","task":{"kind":"k","payload":{}}}""", "interval_seconds")]
    public async Task Schedules_BadBody_Is400NamingTheProblem(string body, string fragment)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.PostAsync("/api/schedules", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(fragment, response.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Tick_AtAfterDue_EnqueuesOneTaskAndAbsentBodyMeansNow()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);
        await web.PostAsync("/api/schedules", Nightly);

        var tick = await web.PostAsync("/api/schedules/tick", """{"at":"2026-01-01T00:00:01.000Z"}""");
        var again = await web.PostAsync("/api/schedules/tick", "not json");

        Assert.Equal(HttpStatusCode.OK, tick.Status);
        Assert.Equal(["schedulesEvaluated", "tasksCreated", "taskIds"], tick.Json.Select(p => p.Key));
        Assert.Equal(1, tick.Json["tasksCreated"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(1, again.Json["tasksCreated"]!.GetValue<int>()); // due again by now: the unreadable body meant "now"
    }

    [Fact(Timeout = 60000)]
    public async Task Tick_UnparseableAt_Is400NotA500()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.PostAsync("/api/schedules/tick", """{"at":"yesterday-ish"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("at: expected a date such as 2026-04-29T10:05:00.000Z, got \"yesterday-ish\"", response.Error);
    }

    [Theory(Timeout = 60000)]
    [InlineData("GET", "/api/schedules/tick")]
    [InlineData("DELETE", "/api/schedules")]
    public async Task Schedules_WrongMethod_Is405(string method, string path)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal($"{method} not supported", response.Error);
    }
}
