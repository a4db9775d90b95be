using System.Net;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Host.Web.Stream;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentRuntime.Host.Tests.Web.Stream;

/// <summary>
/// A real Kestrel on <c>127.0.0.1:0</c> serving <c>/api/stream</c> over a <see cref="TestRuntime"/>'s
/// SQLite state, with the stream's timings chosen by the test.
/// </summary>
internal sealed class StreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StreamServer(WebApplication app, RuntimeCore core, Uri address)
    {
        _app = app;
        Core = core;
        Client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    }

    public RuntimeCore Core { get; }

    public HttpClient Client { get; }

    public StreamBroadcaster Broadcaster => _app.Services.GetRequiredService<StreamBroadcaster>();

    public static async Task<StreamServer> StartAsync(TestRuntime runtime, OperatorStreamOptions options, TimeProvider? time = null)
    {
        runtime.Save();
        var core = RuntimeCore.Open(runtime.ConfigPath, new CoreOptions(time ?? TimeProvider.System, TextWriter.Null), runtime.Directory.Path);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = runtime.Directory.Path });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(core);
        builder.Services.AddOperatorStream(options);
        var app = builder.Build();
        app.MapOperatorStream();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new StreamServer(app, core, new Uri(address));
    }

    /// <summary>Queues a task through the operator intake service (it records <c>task_enqueued</c>).</summary>
    public async Task<string> IntakeAsync(string subject)
    {
        var result = await Core.Intake.EnqueueAsync(System.Text.Json.Nodes.JsonNode.Parse($$"""{ "kind": "note", "source": "stream-test", "subject": "{{subject}}", "payload": {} }"""), CancellationToken.None);
        return result.TaskId;
    }

    /// <summary>Appends <paramref name="count"/> events straight to the log; returns the last id.</summary>
    public async Task<long> RecordEventsAsync(int count)
    {
        long last = 0;
        for (var i = 0; i < count; i++)
        {
            last = await Core.Store.RecordAsync("test_event", null, null, new System.Text.Json.Nodes.JsonObject { ["n"] = i }, CancellationToken.None);
        }

        return last;
    }

    public Task<SseReader> OpenAsync(string path = "/api/stream", long? lastEventId = null) => SseReader.OpenAsync(Client, path, lastEventId);

    /// <summary>Stops the host as SIGTERM would: ApplicationStopping first, then Kestrel drains.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await Core.DisposeAsync();
    }
}
