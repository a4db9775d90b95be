using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// A validated task ready to insert as <c>pending</c> (defaults applied, values checked by
/// <see cref="Intake.TaskInputValidator"/>). The store writes it as given.
/// </summary>
internal sealed record NewTask
{
    public required string TaskId { get; init; }

    public required string Kind { get; init; }

    public required string Source { get; init; }

    public string? Subject { get; init; }

    public string? Description { get; init; }

    public required int Priority { get; init; }

    public required JsonObject Payload { get; init; }

    public required string RequestedProfile { get; init; }

    /// <summary>The requested adapter id, or empty ("let profile/config decide").</summary>
    public required string RequestedAdapter { get; init; }

    public required int MaxAttempts { get; init; }

    /// <summary>Written as both <c>created_at</c> and <c>updated_at</c>.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset AvailableAt { get; init; }
}
