using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AgentRuntime.Host.Web.Stream;

/// <summary>
/// One <c>/api/stream</c> response (spec §2.13, its quirks fixed): the <c>dashboard</c> frame,
/// then the events after the client's cursor (its backlog read from the log, then the
/// broadcaster's batches), a keep-alive comment whenever the stream has been quiet, until the
/// client leaves or the server stops.
/// </summary>
internal sealed partial class StreamConnection(StreamBroadcaster broadcaster, HttpContext context)
{
    private readonly StreamSource _source = broadcaster.Source;
    private readonly OperatorStreamOptions _options = broadcaster.Options;
    private long _cursor;

    public static Task ServeAsync(StreamBroadcaster broadcaster, HttpContext context) => new StreamConnection(broadcaster, context).ServeAsync();

    private async Task ServeAsync()
    {
        var response = context.Response;

        // Join before the first read, so nothing committed from here on can fall between the backlog and the fan-out.
        var subscription = broadcaster.Subscribe();
        if (subscription is null)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";

        // A connection-specific header is a protocol error on HTTP/2 and later; keep-alive is their default.
        if (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
        {
            response.Headers.Connection = "keep-alive";
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, broadcaster.Stopping);
        var token = ending.Token;

        try
        {
            var requested = StreamCursor.Requested(context.Request);
            var newest = _source.NewestEventId();

            // An id above the newest (a database replaced since) would hide every event to come.
            _cursor = requested is { } since ? Math.Min(since, newest) : newest;
            await WriteAsync(SseFrame.Event(_cursor, "dashboard", _source.Dashboard(), _options.ReconnectDelay), token).ConfigureAwait(false);
            await SendBacklogAsync(subscription.JoinedAt, token).ConfigureAwait(false);
            await SendLiveAsync(subscription, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client left or the server is stopping: the response simply ends.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            // A write raced the client's disconnect.
        }
        finally
        {
            broadcaster.Unsubscribe(subscription);
        }
    }

    /// <summary>Events up to the broadcaster's cursor at join time, read directly in frames of at most a batch.</summary>
    private async Task SendBacklogAsync(long joinedAt, CancellationToken cancellationToken)
    {
        while (_cursor < joinedAt)
        {
            var events = _source.EventsAfter(_cursor, _options.BatchSize);
            if (events.Count == 0)
            {
                return;
            }

            var batch = StreamBatch.Create(events, _source.Snapshot());
            await WriteAsync(batch.Frame, cancellationToken).ConfigureAwait(false);
            _cursor = batch.LastId;
        }
    }

    /// <summary>Writes and flushes one frame: each must reach the browser now, not when a buffer fills.</summary>
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        await context.Response.BodyWriter.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
}
