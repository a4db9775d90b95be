namespace AgentRuntime.Host.Web.Stream;

/// <summary>The poll loop: one event-log read per interval, fanned out to every client.</summary>
internal sealed partial class StreamBroadcaster
{
    private async Task PollAsync()
    {
        var token = _stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                lock (_gate)
                {
                    if (_clients.Count == 0)
                    {
                        _running = false;
                        return;
                    }
                }

                // A full batch means more are waiting: read on without sleeping.
                if (!PollOnce())
                {
                    await Task.Delay(Options.PollInterval, _time, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The host is stopping; Stop has closed every client.
        }
    }

    /// <summary>Reads and fans out one batch; true when the batch was full.</summary>
    private bool PollOnce()
    {
        Interlocked.Increment(ref _polls);
        StreamBatch batch;
        try
        {
            var events = _source.EventsAfter(_cursor, Options.BatchSize);
            if (events.Count == 0)
            {
                return false;
            }

            batch = StreamBatch.Create(events, _source.Snapshot());
        }
#pragma warning disable CA1031 // A failed read (a locked or replaced file) is retried next interval; it must not end every stream.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _log.Warning(ex, "Event stream poll failed; retrying in {Interval}", Options.PollInterval);
            return false;
        }

        lock (_gate)
        {
            _cursor = batch.LastId;
            for (var i = _clients.Count - 1; i >= 0; i--)
            {
                if (!_clients[i].Offer(batch))
                {
                    _log.Information("Event stream client dropped: {Queued} frames unread", Options.ClientBuffer);
                    _clients.RemoveAt(i);
                }
            }
        }

        return batch.Events.Count == Options.BatchSize;
    }
}
