using System.Text.Json;

namespace AgentRuntime.Sdk;

/// <summary>The task fields an adapter may read.</summary>
public sealed record TaskSnapshot
{
    /// <summary>The task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The task kind, for example <c>github-story</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The task's provenance.</summary>
    public required string Source { get; init; }

    /// <summary>The subject, when set.</summary>
    public string? Subject { get; init; }

    /// <summary>The description, when set.</summary>
    public string? Description { get; init; }

    /// <summary>Priority; higher runs first.</summary>
    public required int Priority { get; init; }

    /// <summary>The task payload, a JSON object.</summary>
    public required JsonElement Payload { get; init; }

    /// <summary>
    /// The payload as JSON text, written exactly as JavaScript's <c>JSON.stringify</c> writes it
    /// (compact, non-ASCII unescaped, lower-case <c>\u</c> escapes, ECMAScript numbers, so
    /// <c>1.50</c> is <c>1.5</c>). Pass this text on, rather than re-serializing
    /// <see cref="Payload"/>, when a consumer expects the reference format. Null from a host older
    /// than SDK 1.1. Added in 1.1.
    /// </summary>
    public string? PayloadJson { get; init; }

    /// <summary>The requested profile id.</summary>
    public required string RequestedProfile { get; init; }

    /// <summary>The requested adapter id, or empty.</summary>
    public required string RequestedAdapter { get; init; }

    /// <summary>The attempt number of this run, starting at 1.</summary>
    public required int AttemptCount { get; init; }

    /// <summary>The most attempts the task may use.</summary>
    public required int MaxAttempts { get; init; }
}
