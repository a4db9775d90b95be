using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>Finalizes a task with a canonical outcome (spec §3.6 "finalize attempt", §5.11).</summary>
internal sealed record TaskFinalization
{
    public required string TaskId { get; init; }

    /// <summary>The attempt to finish first; null for a task finalized without one.</summary>
    public AttemptFinish? Attempt { get; init; }

    /// <summary>
    /// The canonical outcome; its <c>status</c> becomes the task status and its <c>machine_status</c>
    /// goes into the <c>task_finished</c> event. Stored with <c>attempt_id</c>, <c>bundle_id</c> and
    /// <c>bundle_hash</c> added (each only when known). Not modified.
    /// </summary>
    public required JsonObject Outcome { get; init; }

    public string? BundleId { get; init; }

    public string? BundleHash { get; init; }

    public string? LastError { get; init; }
}
