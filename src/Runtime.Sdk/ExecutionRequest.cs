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

    /// <summary>
    /// How long the attempt may run, measured from the call to <see cref="IAdapter.ExecuteAsync"/>:
    /// the adapter's <c>timeoutMs</c>, else the host's default adapter timeout. The host computes it
    /// in one place; an adapter stops its work (and any process tree it started) when it is spent and
    /// returns <see cref="ExitStatus.Timeout"/> with what it launched and what it captured. The host
    /// stops waiting only a grace period later, as a last resort for a plugin that ignores it.
    /// Null from a host older than SDK 1.1: the adapter then applies its own default. Added in 1.1.
    /// </summary>
    public TimeSpan? Timeout { get; init; }
}
