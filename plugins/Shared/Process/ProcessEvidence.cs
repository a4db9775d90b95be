using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>What an adapter knows about a run besides its <see cref="ProcessOutcome"/>, for <see cref="ProcessResults.From"/>.</summary>
internal sealed record ProcessEvidence
{
    /// <summary>What was launched; recorded whatever the outcome, a timeout included.</summary>
    public required InvocationRecord Invocation { get; init; }

    /// <summary>The adapter's diagnostics so far (what it launched); the mapping adds to them. Owned by the result.</summary>
    public required JsonObject Diagnostics { get; init; }

    /// <summary>The raw output of a timed-out run that printed nothing, e.g. <c>script timed out</c>.</summary>
    public required string TimeoutText { get; init; }

    /// <summary>The final message, computed from what the run printed (only when it ran).</summary>
    public required Func<string> LastMessage { get; init; }

    /// <summary>Whether a spawn failure adds <c>error</c> to the diagnostics (the script adapter's record does).</summary>
    public bool SpawnErrorInDiagnostics { get; init; }

    /// <summary>Whether an exit adds <c>last_message</c> to the diagnostics (the agent-CLI record does).</summary>
    public bool LastMessageInDiagnostics { get; init; }
}
