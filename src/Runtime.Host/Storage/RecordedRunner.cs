namespace AgentRuntime.Host.Storage;

/// <summary>A running attempt's runner as the boot sweep sees it: its id and the process identity recorded at its claims, if any.</summary>
internal sealed record RecordedRunner(string RunnerId, string? Identity);
