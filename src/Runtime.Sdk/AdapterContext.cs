using System.Text.Json;

namespace AgentRuntime.Sdk;

/// <summary>The configured adapter entry an adapter is created for.</summary>
public sealed record AdapterContext
{
    /// <summary>The adapter id (its key in the config's <c>adapters</c> object).</summary>
    public required string AdapterId { get; init; }

    /// <summary>The adapter kind the host resolved from <c>mode</c>/<c>driver</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>
    /// The adapter entry as configured, with relative paths already resolved against the config
    /// file that declared them (<c>command</c> when it contains a slash, <c>workingDir</c>,
    /// <c>envFile</c>, <c>settingsFile</c>). A JSON object.
    /// </summary>
    public required JsonElement Settings { get; init; }

    /// <summary>The absolute directory of the config file that declared this adapter entry.</summary>
    public required string ConfigDirectory { get; init; }

    /// <summary>The runtime's name (<c>runtimeName</c>).</summary>
    public required string RuntimeName { get; init; }
}
