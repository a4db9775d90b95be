namespace AgentRuntime.Host.Dispatch;

/// <summary>A lock file removed because its owner is gone (spec §5.2): why, and whose it was.</summary>
internal sealed record StaleLock(string Reason, int? PreviousPid, string? PreviousRunnerId);
