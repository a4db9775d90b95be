using System.Collections.Concurrent;
using AgentRuntime.Plugins.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentRuntime.Plugins.Tests.FakeServers;

/// <summary>
/// A real Kestrel server on <c>127.0.0.1:0</c> that records every request and answers the model
/// routes a subclass maps; anything else gets a 404 (and is still recorded, to learn what a CLI calls).
/// </summary>
internal abstract class FakeModelServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    protected FakeModelServer(FakeTurn turn) => Turn = turn;

    public FakeTurn Turn { get; }

    /// <summary>The model's final message on an <see cref="FakeTurn.Outcome"/> turn (default: the canonical completed outcome).</summary>
    public string FinalText { get; init; } = Requests.CanonicalOutcome;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Received => [.. _requests];

    /// <summary>Completes when the first model call arrives.</summary>
    public TaskCompletionSource ModelCalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body));
            await next(context);
        });
        Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseUrl = address.TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
            await _app.DisposeAsync();
        }
    }

    protected abstract void Map(WebApplication app);

    /// <summary>Handles the turns every protocol shares; returns false when the subclass must answer.</summary>
    protected async Task<bool> AnswerCommonAsync(HttpContext context, string rateLimitBody)
    {
        ModelCalled.TrySetResult();
        switch (Turn)
        {
            case FakeTurn.RateLimit:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers["retry-after"] = "30";
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(rateLimitBody);
                return true;
            case FakeTurn.Malformed:
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("data: this is not json\n\n<html>oops</html>\n");
                return true;
            case FakeTurn.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return true;
            default:
                return false;
        }
    }

    protected static async Task WriteEventAsync(HttpResponse response, string type, string json)
    {
        await response.WriteAsync($"event: {type}\ndata: {json}\n\n");
        await response.Body.FlushAsync();
    }
}
