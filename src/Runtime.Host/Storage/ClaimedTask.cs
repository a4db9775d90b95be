namespace AgentRuntime.Host.Storage;

/// <summary>What a successful claim returns: the task as re-read after the claim, and its new running attempt.</summary>
internal sealed record ClaimedTask
{
    public required TaskRecord Task { get; init; }

    public required AttemptRecord Attempt { get; init; }
}
