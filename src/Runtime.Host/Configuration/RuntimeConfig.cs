using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Configuration;

/// <summary>A loaded, merged runtime config. Paths are absolute.</summary>
internal sealed record RuntimeConfig
{
    /// <summary>The absolute path of the config file named on the command line.</summary>
    public required string SourcePath { get; init; }

    public required string RuntimeName { get; init; }

    public required string RuntimePolicy { get; init; }

    public required string StateDir { get; init; }

    public required string LogDir { get; init; }

    public required string ArtifactDir { get; init; }

    public required string DbPath { get; init; }

    public required string LockPath { get; init; }

    public required string DefaultProfile { get; init; }

    public required string DefaultAdapter { get; init; }

    public required int MaxAttempts { get; init; }

    public required double RetryBackoffSeconds { get; init; }

    /// <summary>
    /// New: how many times one task may be rescheduled by a rate-limit hint before it is blocked
    /// (<c>maxRateLimitRetries</c>; the reference retried forever, defect B3).
    /// </summary>
    public int MaxRateLimitRetries { get; init; } = ConfigLoader.DefaultMaxRateLimitRetries;

    /// <summary>
    /// New: the time limit of an attempt on an adapter without <c>timeoutMs</c>
    /// (<c>defaultAdapterTimeoutMs</c>, default 10 minutes). See <see cref="Plugins.AttemptTimeout"/>.
    /// </summary>
    public TimeSpan DefaultAdapterTimeout { get; init; } = TimeSpan.FromMilliseconds(ConfigLoader.DefaultAdapterTimeoutMs);

    /// <summary>
    /// New: how many attempts a resident dispatcher (<c>serve</c>) runs at once
    /// (<c>maxConcurrentAttempts</c>, an integer of at least 1; default 1, the single-runner contract).
    /// <c>run-once</c> always runs at most one.
    /// </summary>
    public int MaxConcurrentAttempts { get; init; } = 1;

    /// <summary>Profile id to absolute profile file path, in config order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Profiles { get; init; }

    /// <summary>Adapters in config key order (parent ids first, then new child ids).</summary>
    public required IReadOnlyList<AdapterEntry> Adapters { get; init; }

    public required PluginSettings Plugins { get; init; }

    /// <summary>The <c>substrate</c> block, when present.</summary>
    public JsonObject? Substrate { get; init; }

    /// <summary>New: the <c>web</c> block (the operator web server's settings).</summary>
    public WebSettings Web { get; init; } = new();

    /// <summary>
    /// New: extra variable names whose values are secret (<c>secretNames</c>, an array of strings),
    /// besides names that look secret. See <see cref="Secrets.SecretNames"/>.
    /// </summary>
    public IReadOnlyList<string> SecretNames { get; init; } = [];

    /// <summary>The configured profile ids, in config order: what a task's profile must be one of.</summary>
    public IReadOnlyList<string> ProfileIds => [.. Profiles.Select(p => p.Key)];

    public AdapterEntry? FindAdapter(string id) => Adapters.FirstOrDefault(a => a.Id == id);

    public string? FindProfilePath(string id) =>
        Profiles.Where(p => p.Key == id).Select(p => p.Value).FirstOrDefault();
}
