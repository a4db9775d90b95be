using AgentRuntime.Host.Configuration;

namespace AgentRuntime.Host.Storage;

/// <summary>The config values and process identity the task store needs.</summary>
internal sealed record TaskStoreOptions
{
    /// <summary><c>config.defaultProfile</c>: a new task's profile when none is requested.</summary>
    public required string DefaultProfile { get; init; }

    /// <summary><c>config.maxAttempts</c>: a new task's attempt limit when none is given.</summary>
    public required int MaxAttempts { get; init; }

    /// <summary><c>config.retryBackoffSeconds</c>: the delay of a reschedule without an explicit time.</summary>
    public required double RetryBackoffSeconds { get; init; }

    /// <summary>This process's runner id (<see cref="Storage.RunnerId"/>), recorded on attempts and events.</summary>
    public required string RunnerId { get; init; }

    public static TaskStoreOptions From(RuntimeConfig config, string runnerId)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new TaskStoreOptions
        {
            DefaultProfile = config.DefaultProfile,
            MaxAttempts = config.MaxAttempts,
            RetryBackoffSeconds = config.RetryBackoffSeconds,
            RunnerId = runnerId,
        };
    }
}
