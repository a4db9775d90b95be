using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// A row of <c>task_attempts</c> (spec §3.2). Status, exit status and retry class are the stored
/// text (<c>running</c>/<c>finished</c>, <c>ok</c>/<c>error</c>/<c>timeout</c>,
/// <c>none</c>/<c>retryable</c>/<c>permanent</c>), since rows written by the Bun runtime are read too.
/// </summary>
internal sealed record AttemptRecord
{
    public required string AttemptId { get; init; }

    public required string TaskId { get; init; }

    /// <summary>The requested adapter at claim (or <c>pending-resolution</c>), the selected one after adapter choice.</summary>
    public required string AdapterId { get; init; }

    /// <summary><c>unresolved</c> at claim, then the adapter's mode.</summary>
    public required string AdapterKind { get; init; }

    public string? Model { get; init; }

    public required string RunnerId { get; init; }

    public string? BundleId { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? ExitStatus { get; init; }

    public string? RetryClass { get; init; }

    public string? PromptPath { get; init; }

    public string? StdoutPath { get; init; }

    public string? StderrPath { get; init; }

    public string? ResultPath { get; init; }

    /// <summary>The parsed <c>diagnostics_json</c>, when set.</summary>
    public JsonObject? Diagnostics { get; init; }
}
