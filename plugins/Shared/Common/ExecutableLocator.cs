namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Finds an executable the way the reference runtime's <c>Bun.which</c> does: a bare name is
/// searched on <c>PATH</c>, a name with a slash is checked directly; only executable regular files count.
/// </summary>
internal static class ExecutableLocator
{
    public static string? Find(string? command, string? searchPath = null)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            return null;
        }

        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command);
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
