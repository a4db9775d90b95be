using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace AgentRuntime.Host.Tests.Systemd;

/// <summary>
/// What systemd listens on for a <c>Type=notify</c> unit: a unix datagram socket whose path goes
/// into the child's <c>NOTIFY_SOCKET</c>. Every line received (<c>READY=1</c>, <c>WATCHDOG=1</c>, …)
/// is kept with the time it arrived and what <see cref="Observe"/> saw at that moment.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly Channel<Notification> _received = Channel.CreateUnbounded<Notification>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public NotifySocket(string path, Func<string, string?>? observe = null)
    {
        Path = path;
        Observe = observe ?? (_ => null);
        _socket.Bind(new UnixDomainSocketEndPoint(path));
        _loop = ReceiveAsync();
    }

    public string Path { get; }

    /// <summary>Called as each line arrives, before the sender goes on; its answer is kept with the line.</summary>
    public Func<string, string?> Observe { get; }

    /// <summary>Waits for the next line equal to <paramref name="line"/>, passing over others (they stay in <see cref="Seen"/>).</summary>
    public async Task<Notification> WaitForAsync(string line, TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var next = await _received.Reader.ReadAsync(wait.Token);
                Seen.Add(next);
                if (next.Line == line)
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            throw new TimeoutException($"no {line} within {timeout}; received: {string.Join(", ", Seen.Select(n => n.Line))}");
        }
    }

    /// <summary>Lines already taken by <see cref="WaitForAsync"/>, in arrival order.</summary>
    public List<Notification> Seen { get; } = [];

    /// <summary>Lines received so far and not yet taken by <see cref="WaitForAsync"/>.</summary>
    public List<Notification> Drain()
    {
        var lines = new List<Notification>();
        while (_received.Reader.TryRead(out var next))
        {
            lines.Add(next);
        }

        Seen.AddRange(lines);
        return lines;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                var at = Stopwatch.GetTimestamp();
                foreach (var line in Encoding.UTF8.GetString(buffer, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    _received.Writer.TryWrite(new Notification(line, at, Observe(line)));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }
}
