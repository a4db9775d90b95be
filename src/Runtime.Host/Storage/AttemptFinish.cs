using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Storage;

/// <summary>How an attempt ended, written when the attempt is finished by finalize or reschedule (spec §3.6).</summary>
internal sealed record AttemptFinish
{
    public required string AttemptId { get; init; }

    public required ExitStatus ExitStatus { get; init; }

    /// <summary>Null takes the operation's default: <c>none</c> for finalize, <c>retryable</c> for reschedule.</summary>
    public RetryClass? RetryClass { get; init; }

    /// <summary>The prompt actually sent; null keeps the stored one (set with the bundle).</summary>
    public string? PromptPath { get; init; }

    public string? StdoutPath { get; init; }

    public string? StderrPath { get; init; }

    public string? ResultPath { get; init; }

    public JsonObject? Diagnostics { get; init; }
}
