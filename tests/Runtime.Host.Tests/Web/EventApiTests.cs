using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class EventApiTests
{
    [Fact(Timeout = 60000)]
    public async Task Events_NoSince_LatestLimitOldestFirst_SinceGivesNewerAscending()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();
        for (var i = 0; i < 4; i++)
        {
            await runtime.IntakeAsync("{\"kind\":\"k\",\"source\":\"s" + i + "\",\"payload\":{}}");
        }

        await using var web = await WebServerFixture.StartAsync(runtime);

        var latest = (await web.GetAsync("/api/events?limit=2")).Json["events"]!.AsArray();
        var since = (await web.GetAsync("/api/events?since=1&limit=2")).Json["events"]!.AsArray();
        var all = (await web.GetAsync("/api/events")).Json["events"]!.AsArray();

        Assert.Equal([3L, 4L], latest.Select(e => e!["id"]!.GetValue<long>()));
        Assert.Equal([2L, 3L], since.Select(e => e!["id"]!.GetValue<long>()));
        Assert.Equal(4, all.Count);
        var first = all[0]!.AsObject();
        Assert.Equal(["id", "event_type", "task_id", "attempt_id", "detail", "created_at"], first.Select(p => p.Key));
        Assert.Equal("s0", first["detail"]!["source"]!.GetValue<string>());
    }

    [Fact(Timeout = 60000)]
    public async Task Events_Post_Is405()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.PostAsync("/api/events", "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST not supported", response.Error);
    }
}
