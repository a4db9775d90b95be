namespace AgentRuntime.Host.Dispatch;

/// <summary>The dispatch pause state (spec §7.10).</summary>
internal sealed record PauseState(bool Paused, string? Reason, string? UpdatedAt);
