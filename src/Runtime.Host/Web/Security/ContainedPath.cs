namespace AgentRuntime.Host.Web.Security;

/// <summary>The outcome of resolving a requested path inside a root (<see cref="SafePath"/>).</summary>
/// <param name="Status">Whether the path is inside the root and exists.</param>
/// <param name="Relative">The path relative to the root, forward slashes, empty for the root itself.</param>
/// <param name="RealPath">The file system's real path (symlinks resolved) to read; null unless <see cref="PathStatus.Found"/>.</param>
internal sealed record ContainedPath(PathStatus Status, string Relative, string? RealPath)
{
    public static ContainedPath Invalid { get; } = new(PathStatus.Invalid, "", null);
}
