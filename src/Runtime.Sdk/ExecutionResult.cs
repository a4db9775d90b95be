using System.Text.Json.Nodes;

namespace AgentRuntime.Sdk;

/// <summary>
/// The result of one attempt, with the evidence the host writes to the attempt's audit
/// directory. Plugins never write audit files themselves.
/// </summary>
public sealed record ExecutionResult
{
    /// <summary>The adapter's output text, normalized by the host into an outcome.</summary>
    public required string RawOutput { get; init; }

    /// <summary>How the execution ended.</summary>
    public required ExitStatus ExitStatus { get; init; }

    /// <summary>Whether a failure is worth retrying.</summary>
    public required RetryClass RetryClass { get; init; }

    /// <summary>Adapter diagnostics (snake_case keys), recorded on the attempt and in the run log. Owned by the host once returned.</summary>
    public JsonObject? Diagnostics { get; init; }

    /// <summary>What was launched or called, when anything was.</summary>
    public InvocationRecord? Invocation { get; init; }

    /// <summary>Captured standard output (or the response body for HTTP adapters).</summary>
    public string Stdout { get; init; } = "";

    /// <summary>Captured standard error (or the error message of a launch failure).</summary>
    public string Stderr { get; init; } = "";

    /// <summary>The extracted final message of the agent, when the adapter has one.</summary>
    public string LastMessage { get; init; } = "";

    /// <summary>A note for the audit record: <c>timeout</c>, <c>spawn_error</c>, or null.</summary>
    public string? Note { get; init; }

    /// <summary>Token or cost usage reported by the adapter, when known.</summary>
    public JsonObject? Usage { get; init; }
}
