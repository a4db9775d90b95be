using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>One POST to the web server of a fresh runtime, with what it changed in the state directory.</summary>
internal static class WebRefusal
{
    /// <returns>The response, and the state directory's difference from before the POST ("" when nothing changed).</returns>
    public static async Task<(ApiResponse Response, string StateDiff)> PostAsync(string route, string body)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/api/state")).Status);
        var before = StateHash.Of(runtime.StateDir);

        var response = await web.PostAsync(route, body);

        return (response, StateHash.Diff(before, StateHash.Of(runtime.StateDir)));
    }
}
