namespace AgentRuntime.Host.Web.Stream;

/// <summary>The live part of a stream: the broadcaster's batches, and keep-alives in the quiet.</summary>
internal sealed partial class StreamConnection
{
    private async Task SendLiveAsync(StreamSubscription subscription, CancellationToken cancellationToken)
    {
        var time = broadcaster.TimeProvider;
        Task<bool>? waiting = null;
        while (true)
        {
            waiting ??= subscription.Batches.WaitToReadAsync(cancellationToken).AsTask();
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var keepAlive = Task.Delay(_options.KeepAliveInterval, time, quiet.Token);
                if (await Task.WhenAny(waiting, keepAlive).ConfigureAwait(false) == keepAlive)
                {
                    await keepAlive.ConfigureAwait(false);
                    await WriteAsync(SseFrame.KeepAlive, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await quiet.CancelAsync().ConfigureAwait(false);
            }

            // False: the queue was closed (the client fell behind, or the server is stopping).
            if (!await waiting.ConfigureAwait(false))
            {
                return;
            }

            waiting = null;
            while (subscription.Batches.TryRead(out var batch))
            {
                if (batch.FrameAfter(_cursor) is { } frame)
                {
                    await WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                    _cursor = batch.LastId;
                }
            }
        }
    }
}
