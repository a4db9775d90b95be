namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Finds an executable the way the reference runtime's <c>Bun.which</c> does: a bare name is
/// searched on <c>PATH</c>, a name with a slash is checked directly; only executable regular files count.
/// </summary>
internal static class ExecutableLocator
{
    /// <summary>The absolute path of <paramref name="command"/>, or null.</summary>
    /// <param name="command">A bare name or a path.</param>
    /// <param name="searchPath">The <c>PATH</c> to search; null means the runtime's own.</param>
    /// <param name="baseDirectory">What a relative path is relative to; null means the current directory.</param>
    public static string? Find(string? command, string? searchPath = null, string? baseDirectory = null)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            return null;
        }

        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = baseDirectory is null ? Path.GetFullPath(command) : Path.GetFullPath(command, baseDirectory);
            return IsExecutableFile(full) ? full : null;
        }

        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (IsExecutableFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>A launch-error message for a command <see cref="Find"/> did not resolve, in Node's <c>spawn</c> wording plus what to check.</summary>
    public static string DescribeMissing(string? command, string? searchPath = null, string? baseDirectory = null)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            return "spawn ENOENT: the adapter has no \"command\" configured";
        }

        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = baseDirectory is null ? Path.GetFullPath(command) : Path.GetFullPath(command, baseDirectory);
            return File.Exists(full)
                ? $"spawn {command} EACCES: {full} is not executable (chmod +x it)"
                : $"spawn {command} ENOENT: no file at {full}";
        }

        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        return $"spawn {command} ENOENT: no executable named {command} on PATH ({path})";
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
