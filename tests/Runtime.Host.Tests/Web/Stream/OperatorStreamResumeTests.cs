using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Host.Web.Stream;

namespace AgentRuntime.Host.Tests.Web.Stream;

public sealed class OperatorStreamResumeTests
{
    private static readonly OperatorStreamOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(50), KeepAliveInterval = TimeSpan.FromMinutes(5) };

    [Fact(Timeout = 60_000)]
    public async Task Stream_Since_ReplaysNewerEventsInBatchesThenContinuesLive()
    {
        using var runtime = new TestRuntime();
        await using var server = await StreamServer.StartAsync(runtime, Fast);
        await server.RecordEventsAsync(120);

        await using var stream = await server.OpenAsync("/api/stream?since=10");
        var dashboard = await stream.NextFrameAsync();
        var frames = new[] { await stream.NextFrameAsync(), await stream.NextFrameAsync(), await stream.NextFrameAsync() };
        await server.IntakeAsync("after the replay");
        var live = await stream.NextFrameAsync();

        Assert.Equal(10, dashboard.IdValue);
        Assert.Equal([50, 50, 10], frames.Select(f => f.EventIds.Count));
        Assert.Equal([60L, 110L, 120L], frames.Select(f => f.IdValue));
        Assert.Equal(Enumerable.Range(11, 110).Select(i => (long)i), frames.SelectMany(f => f.EventIds));
        Assert.Equal([121L], live.EventIds);
        Assert.Equal(121, live.IdValue);
    }

    [Fact(Timeout = 60_000)]
    public async Task Stream_LastEventIdAfterReconnect_WinsOverSinceAndResumesWithoutDuplicates()
    {
        using var runtime = new TestRuntime();
        await using var server = await StreamServer.StartAsync(runtime, Fast);
        long seen;
        await using (var first = await server.OpenAsync("/api/stream?since=0"))
        {
            await first.NextFrameAsync();
            await server.RecordEventsAsync(2);
            var received = new List<long>();
            while (received.Count < 2)
            {
                received.AddRange((await first.NextFrameAsync()).EventIds);
            }

            Assert.Equal([1L, 2L], received);
            seen = received[^1];
        }

        await server.RecordEventsAsync(3);
        await using var resumed = await server.OpenAsync("/api/stream?since=0", lastEventId: seen);
        var dashboard = await resumed.NextFrameAsync();
        var ids = new List<long>();
        while (ids.Count < 3)
        {
            ids.AddRange((await resumed.NextFrameAsync()).EventIds);
        }

        Assert.Equal(2, dashboard.IdValue);
        Assert.Equal([3L, 4L, 5L], ids);
    }

    [Fact(Timeout = 60_000)]
    public async Task Stream_SinceWhileEventsKeepArriving_DeliversEveryEventOnceInOrder()
    {
        using var runtime = new TestRuntime();
        var options = Fast with { BatchSize = 7 };
        await using var server = await StreamServer.StartAsync(runtime, options);
        await server.RecordEventsAsync(40);

        // Events keep being written while the client reads its backlog and joins the live fan-out.
        var writer = Task.Run(() => server.RecordEventsAsync(150));
        await using var stream = await server.OpenAsync("/api/stream?since=3");
        await stream.NextFrameAsync();
        await writer;
        var ids = new List<long>();
        while (ids.Count == 0 || ids[^1] < 190)
        {
            var frame = await stream.NextFrameAsync();
            Assert.Equal(frame.EventIds[^1], frame.IdValue);
            Assert.InRange(frame.EventIds.Count, 1, 7);
            ids.AddRange(frame.EventIds);
        }

        Assert.Equal(Enumerable.Range(4, 187).Select(i => (long)i), ids);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("/api/stream?since=999")]
    [InlineData("/api/stream?since=abc")]
    [InlineData("/api/stream")]
    public async Task Stream_SinceAboveNewestOrInvalidOrAbsent_StartsAtNewest(string path)
    {
        using var runtime = new TestRuntime();
        await using var server = await StreamServer.StartAsync(runtime, Fast);
        await server.RecordEventsAsync(3);

        await using var stream = await server.OpenAsync(path);
        var dashboard = await stream.NextFrameAsync();
        await server.RecordEventsAsync(1);
        var next = await stream.NextFrameAsync();

        Assert.Equal(3, dashboard.IdValue);
        Assert.Equal([4L], next.EventIds);
    }
}
