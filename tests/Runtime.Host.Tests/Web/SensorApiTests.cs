using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class SensorApiTests
{
    private static string Event(string id) =>
        """{"sensor_id":"gh","event_id":"ID","observed_at":"2026-01-01T00:00:00.000Z","source_ref":"ref-ID","dedupe_key":"gh:ID","payload":{"n":1},"proposed_task":{"kind":"k","source":"sensor:gh","payload":{}}}"""
            .Replace("ID", id, StringComparison.Ordinal);

    [Fact(Timeout = 60000)]
    public async Task Sensors_PostNewThenSame_201AcceptedThen200Deduped()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var accepted = await web.PostAsync("/api/sensors/events", Event("1"));
        var deduped = await web.PostAsync("/api/sensors/events", Event("1"));

        Assert.Equal(HttpStatusCode.Created, accepted.Status);
        Assert.Equal(["accepted", "task_id", "workflow_id", "event"], accepted.Json.Select(p => p.Key));
        Assert.True(accepted.Json["accepted"]!.GetValue<bool>());
        Assert.NotNull(accepted.Json["task_id"]);
        Assert.Equal(HttpStatusCode.OK, deduped.Status);
        Assert.False(deduped.Json["accepted"]!.GetValue<bool>());
    }

    [Fact(Timeout = 60000)]
    public async Task Sensors_Get_NewestFirstWithTheLimitClamped()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);
        foreach (var id in new[] { "1", "2", "3" })
        {
            await web.PostAsync("/api/sensors/events", Event(id));
        }

        var all = (await web.GetAsync("/api/sensors/events")).Json["events"]!.AsArray();
        var one = (await web.GetAsync("/api/sensors/events?limit=-5")).Json["events"]!.AsArray();

        Assert.Equal(["3", "2", "1"], all.Select(e => e!["event_id"]!.GetValue<string>()));
        Assert.Equal("3", Assert.Single(one)!["event_id"]!.GetValue<string>());
        Assert.NotNull(all[0]!["task_id"]);
    }

    [Theory(Timeout = 60000)]
    [InlineData("{]", "invalid JSON: ")]
    [InlineData("""{"sensor_id":"gh"}""", "event_id")]
    public async Task Sensors_BadBody_Is400NamingTheProblem(string body, string fragment)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.PostAsync("/api/sensors/events", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(fragment, response.Error, StringComparison.Ordinal);
    }
}
