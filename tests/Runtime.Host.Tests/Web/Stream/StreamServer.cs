using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Host.Web.Stream;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRuntime.Host.Tests.Web.Stream;

/// <summary>
/// The real operator web server (<see cref="WebServerFixture"/>, Kestrel on <c>127.0.0.1:0</c>) over a
/// <see cref="TestRuntime"/>'s SQLite state, with the stream's timings chosen by the test and a
/// client without a timeout for long-lived streams (each read has its own).
/// </summary>
internal sealed class StreamServer : IAsyncDisposable
{
    private readonly WebServerFixture _fixture;

    private StreamServer(WebServerFixture fixture)
    {
        _fixture = fixture;
        Client = new HttpClient { BaseAddress = fixture.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public RuntimeCore Core => _fixture.Server.Core;

    public HttpClient Client { get; }

    public StreamBroadcaster Broadcaster => _fixture.Server.Services.GetRequiredService<StreamBroadcaster>();

    public static async Task<StreamServer> StartAsync(TestRuntime runtime, OperatorStreamOptions options, TimeProvider? time = null)
    {
        var serverOptions = WebServerFixture.Options(runtime) with
        {
            Core = new CoreOptions(time ?? TimeProvider.System, TextWriter.Null),
            ConfigureServices = services => services.AddOperatorStream(options),
        };
        return new StreamServer(await WebServerFixture.StartAsync(runtime, serverOptions));
    }

    /// <summary>Queues a task through the operator intake service (it records <c>task_enqueued</c>).</summary>
    public async Task<string> IntakeAsync(string subject)
    {
        var input = new JsonObject { ["kind"] = "note", ["source"] = "stream-test", ["subject"] = subject, ["payload"] = new JsonObject() };
        return (await Core.Intake.EnqueueAsync(input, CancellationToken.None)).TaskId;
    }

    /// <summary>Appends <paramref name="count"/> events straight to the log; returns the last id.</summary>
    public async Task<long> RecordEventsAsync(int count)
    {
        long last = 0;
        for (var i = 0; i < count; i++)
        {
            last = await Core.Store.RecordAsync("test_event", null, null, new JsonObject { ["n"] = i }, CancellationToken.None);
        }

        return last;
    }

    public Task<SseReader> OpenAsync(string path = "/api/stream", long? lastEventId = null) => SseReader.OpenAsync(Client, path, lastEventId);

    /// <summary>Stops the server as SIGTERM does: ApplicationStopping first, then Kestrel drains.</summary>
    public Task StopAsync() => _fixture.Server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _fixture.DisposeAsync();
    }
}
