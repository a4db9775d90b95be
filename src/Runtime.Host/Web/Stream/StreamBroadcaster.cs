using Serilog;

namespace AgentRuntime.Host.Web.Stream;

/// <summary>
/// The one reader of the event log behind every open <c>/api/stream</c>: while at least one client
/// is connected, a single loop polls for events after its cursor and hands each batch (with the
/// status and state read once) to every client's queue. With no client connected it does not
/// poll at all. The reference ran a 3 s timer and a query per connected client.
/// </summary>
internal sealed partial class StreamBroadcaster : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<StreamSubscription> _clients = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly StreamSource _source;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private Task _loop = Task.CompletedTask;
    private bool _running;

    /// <summary>The highest event id handed out; written under <see cref="_gate"/> while the loop runs.</summary>
    private long _cursor;

    private long _polls;

    public StreamBroadcaster(StreamSource source, OperatorStreamOptions options, TimeProvider time, ILogger log)
    {
        _source = source;
        Options = options;
        _time = time;
        _log = log;
    }

    public OperatorStreamOptions Options { get; }

    public StreamSource Source => _source;

    /// <summary>The clock the poll interval and the clients' keep-alives run on.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>Cancelled when the server stops: every stream ends.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>How many times the event log has been read for the fan-out (tests: one poller, however many clients).</summary>
    internal long PollCount => Interlocked.Read(ref _polls);

    internal int ClientCount
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>
    /// Joins the fan-out, starting the poll loop if this is the first client. Join before reading
    /// anything else: every event above <see cref="StreamSubscription.JoinedAt"/> then arrives in
    /// the queue. Null once the server is stopping.
    /// </summary>
    public StreamSubscription? Subscribe()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return null;
            }

            if (!_running)
            {
                // Start from the newest event: a quiet period's events were never anyone's to send.
                _cursor = _source.NewestEventId();
                _running = true;
                _loop = Task.Run(PollAsync);
            }

            var subscription = new StreamSubscription(_cursor, Options.ClientBuffer);
            _clients.Add(subscription);
            return subscription;
        }
    }

    public void Unsubscribe(StreamSubscription subscription)
    {
        lock (_gate)
        {
            _clients.Remove(subscription);
        }
    }

    /// <summary>Stops polling and ends every open stream (the host is stopping).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopping.Cancel();
            foreach (var client in _clients)
            {
                client.Close();
            }

            _clients.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
