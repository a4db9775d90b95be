namespace AgentRuntime.Host.Storage;

/// <summary>How many tasks have one status.</summary>
internal sealed record StatusCount(string Status, long Count);
