using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// When an attempt must stop: the host's <see cref="ExecutionRequest.Timeout"/> (SDK 1.1), counted
/// from the start of <c>ExecuteAsync</c>, so time spent before the launch (credential resolution)
/// is part of it. Only a host older than 1.1 leaves it unset; the adapter's <c>timeoutMs</c> or its
/// own fallback applies then.
/// </summary>
internal sealed class AttemptDeadline
{
    private readonly TimeProvider _time;
    private readonly long _started;

    private AttemptDeadline(TimeSpan limit, TimeProvider time)
    {
        Limit = limit;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>The whole time limit of the attempt.</summary>
    public TimeSpan Limit { get; }

    /// <summary>What is left of <see cref="Limit"/>; never negative.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = Limit - _time.GetElapsedTime(_started);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public static AttemptDeadline Start(ExecutionRequest request, AdapterSettings settings, TimeSpan fallback, TimeProvider? time = null) =>
        new(request.Timeout is { } limit && limit > TimeSpan.Zero ? limit : settings.Timeout(fallback), time ?? TimeProvider.System);
}
