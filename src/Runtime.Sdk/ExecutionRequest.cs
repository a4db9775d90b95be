using System.Text.Json;

namespace AgentRuntime.Sdk;

/// <summary>Everything an adapter needs to run one attempt. Immutable; the host builds it.</summary>
public sealed record ExecutionRequest
{
    /// <summary>The task being run.</summary>
    public required TaskSnapshot Task { get; init; }

    /// <summary>The attempt id (one per claim).</summary>
    public required string AttemptId { get; init; }

    /// <summary>The id of the bundle compiled for this attempt, when there is one.</summary>
    public string? BundleId { get; init; }

    /// <summary>The selected adapter id.</summary>
    public required string AdapterId { get; init; }

    /// <summary>The adapter kind (for example <c>script</c> or <c>codex</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>The adapter entry's settings, paths resolved (see <see cref="AdapterContext.Settings"/>).</summary>
    public required JsonElement Settings { get; init; }

    /// <summary>The profile the task runs under.</summary>
    public required ProfileSnapshot Profile { get; init; }

    /// <summary>The assembled prompt, exactly as persisted in the bundle.</summary>
    public required string Prompt { get; init; }

    /// <summary>The runtime's directories.</summary>
    public required RuntimePaths Paths { get; init; }

    /// <summary>The runtime's name (<c>runtimeName</c>).</summary>
    public required string RuntimeName { get; init; }
}
