namespace AgentRuntime.Host.Web.Stream;

/// <summary>The timings and bounds of <c>/api/stream</c>; the defaults are the operator's, tests shorten them.</summary>
internal sealed record OperatorStreamOptions
{
    public static OperatorStreamOptions Default { get; } = new();

    /// <summary>How often the one broadcaster reads the event log while a client is connected (the reference polled every 3 s per client).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A comment frame after this much silence, so proxies and the server's idle timeout keep a quiet stream open.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The <c>retry:</c> hint sent once: how long a browser waits before reconnecting.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many events per <c>events</c> frame (the reference's page size).</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Frames queued for one client before it counts as too slow and is dropped (its browser reconnects and resumes).</summary>
    public int ClientBuffer { get; init; } = 64;
}
