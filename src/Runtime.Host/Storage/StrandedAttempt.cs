namespace AgentRuntime.Host.Storage;

/// <summary>A running attempt of a dead runner, as the boot sweep hands it over to be stopped: its id and its recorded processes.</summary>
internal sealed record StrandedAttempt(string AttemptId, IReadOnlyList<RecordedProcess> Processes);
