namespace AgentRuntime.Host.Dispatch.Artifacts;

/// <summary>A path resolved into the managed artifact root: its path relative to the root, and the absolute path.</summary>
internal sealed record ManagedPath(string RelativePath, string FullPath);
