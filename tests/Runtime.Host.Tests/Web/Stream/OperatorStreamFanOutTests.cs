using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Host.Web.Stream;
using Microsoft.Extensions.Time.Testing;

namespace AgentRuntime.Host.Tests.Web.Stream;

public sealed class OperatorStreamFanOutTests
{
    private static readonly OperatorStreamOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(50), KeepAliveInterval = TimeSpan.FromMinutes(5) };

    [Fact(Timeout = 120_000)]
    public async Task Stream_FiftyClients_ShareOnePoller()
    {
        using var runtime = new TestRuntime();
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var options = new OperatorStreamOptions { PollInterval = TimeSpan.FromSeconds(1), KeepAliveInterval = TimeSpan.FromHours(1) };
        await using var server = await StreamServer.StartAsync(runtime, options, clock);
        var clients = new List<SseReader>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var client = await server.OpenAsync();
                await client.NextFrameAsync();
                clients.Add(client);
            }

            Assert.Equal(50, server.Broadcaster.ClientCount);
            var advances = 0;
            for (var round = 1; round <= 5; round++)
            {
                var id = await server.RecordEventsAsync(1);
                var frames = Task.WhenAll(clients.Select(c => c.NextFrameAsync()));

                // The clock moves only when the test moves it; move it again if the poll loop had not yet armed its timer.
                do
                {
                    clock.Advance(options.PollInterval);
                    advances++;
                }
                while (await Task.WhenAny(frames, Task.Delay(200)) != frames);

                Assert.All(await frames, frame => Assert.Equal([id], frame.EventIds));
            }

            // One read at start plus at most one per interval, however many clients listen.
            Assert.InRange(server.Broadcaster.PollCount, 5, advances + 1);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Stream_ClientDisconnects_LeavesFanOutAndPollingStops()
    {
        using var runtime = new TestRuntime();
        await using var server = await StreamServer.StartAsync(runtime, Fast with { KeepAliveInterval = TimeSpan.FromMilliseconds(100) });
        var stream = await server.OpenAsync();
        await stream.NextFrameAsync();
        Assert.Equal(1, server.Broadcaster.ClientCount);

        await stream.DisposeAsync();
        while (server.Broadcaster.ClientCount > 0)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
        var polls = server.Broadcaster.PollCount;
        await Task.Delay(500);

        Assert.Equal(polls, server.Broadcaster.PollCount);
    }

    [Fact(Timeout = 30_000)]
    public async Task Broadcaster_ClientTooFarBehind_IsDroppedNotBuffered()
    {
        using var runtime = new TestRuntime();
        await using var server = await StreamServer.StartAsync(runtime, Fast with { ClientBuffer = 1 });
        var slow = server.Broadcaster.Subscribe()!;

        await server.RecordEventsAsync(1);
        while (slow.Batches.Count == 0)
        {
            await Task.Delay(20);
        }

        await server.RecordEventsAsync(1);
        while (!slow.Dropped)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, server.Broadcaster.ClientCount);
        Assert.True(slow.Batches.TryRead(out var first));
        Assert.Equal(1, first.LastId);
        Assert.False(await slow.Batches.WaitToReadAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Stream_ServerStopping_EndsOpenStreams()
    {
        using var runtime = new TestRuntime();
        await using var server = await StreamServer.StartAsync(runtime, Fast);
        var streams = new List<SseReader>();
        for (var i = 0; i < 3; i++)
        {
            streams.Add(await server.OpenAsync());
            await streams[^1].NextFrameAsync();
        }

        // The server's own grace period is 5 s, after which Kestrel would abort the connections; a
        // stream that ended on ApplicationStopping ends cleanly (a read returns end of stream) instead.
        await server.StopAsync();

        foreach (var stream in streams)
        {
            Assert.Null(await stream.NextAsync());
            await stream.DisposeAsync();
        }
    }
}
