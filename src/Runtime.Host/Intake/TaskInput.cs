using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Intake;

/// <summary>
/// A task to enqueue (the spec's TaskInput, §1.2): what intake, schedules, sensors, workflows,
/// bridges and backlogs hand to <see cref="TaskInputValidator"/>. Null optional fields take the
/// defaults of spec §5.13 at enqueue.
/// </summary>
internal sealed record TaskInput
{
    public required string Kind { get; init; }

    /// <summary>Provenance and dedupe key (spec §7.7).</summary>
    public required string Source { get; init; }

    public string? Subject { get; init; }

    public string? Description { get; init; }

    /// <summary>Higher runs first; default 5.</summary>
    public int? Priority { get; init; }

    public required JsonObject Payload { get; init; }

    /// <summary>Default <c>config.defaultProfile</c>.</summary>
    public string? RequestedProfile { get; init; }

    /// <summary>Default empty: let the profile or config decide at dispatch.</summary>
    public string? RequestedAdapter { get; init; }

    /// <summary>Default <c>config.maxAttempts</c>; must be positive.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>A date as the operator wrote it, parsed as JavaScript would; wins over <see cref="DelayMinutes"/>.</summary>
    public string? AvailableAt { get; init; }

    /// <summary><c>schedule.delay_minutes</c>: available that many minutes (fractions allowed) from now.</summary>
    public double? DelayMinutes { get; init; }
}
