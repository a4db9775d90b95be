using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>A running attempt stopped on an operator's request: how its attempt row is finished.</summary>
internal sealed record AttemptCancellation
{
    public required string TaskId { get; init; }

    public required string AttemptId { get; init; }

    /// <summary>The live output files the attempt left; null keeps none.</summary>
    public string? StdoutPath { get; init; }

    public string? StderrPath { get; init; }

    public JsonObject? Diagnostics { get; init; }
}
