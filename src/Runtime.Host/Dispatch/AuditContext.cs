namespace AgentRuntime.Host.Dispatch;

/// <summary>What the host knows about an attempt when it writes the audit directory.</summary>
internal sealed record AuditContext(string TaskId, string AttemptId, string? BundleId, string AdapterId, string Kind, string Prompt);
