using System.Threading.Channels;

namespace AgentRuntime.Host.Web.Stream;

/// <summary>
/// One connected client's place in the fan-out: a bounded queue of batches the broadcaster fills
/// and the client's response drains. A full queue means the client is too slow; it is closed
/// rather than allowed to grow.
/// </summary>
internal sealed class StreamSubscription
{
    private readonly Channel<StreamBatch> _batches;

    public StreamSubscription(long joinedAt, int capacity)
    {
        JoinedAt = joinedAt;
        _batches = Channel.CreateBounded<StreamBatch>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>
    /// The broadcaster's cursor when this client joined: every later batch holds only events above
    /// it, so the client reads events up to it from the log itself.
    /// </summary>
    public long JoinedAt { get; }

    /// <summary>True once the broadcaster closed this client for falling behind.</summary>
    public bool Dropped { get; private set; }

    public ChannelReader<StreamBatch> Batches => _batches.Reader;

    /// <summary>Queues a batch; false (and the queue closed) when the client is too far behind.</summary>
    public bool Offer(StreamBatch batch)
    {
        if (_batches.Writer.TryWrite(batch))
        {
            return true;
        }

        Dropped = true;
        _batches.Writer.TryComplete();
        return false;
    }

    /// <summary>Ends the client's stream once it has sent what is queued (shutdown).</summary>
    public void Close() => _batches.Writer.TryComplete();
}
