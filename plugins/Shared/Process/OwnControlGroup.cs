namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// This process's cgroup v2 directory: the <c>0::</c> line of <c>/proc/self/cgroup</c> placed under
/// the cgroup2 mount found in <c>/proc/self/mountinfo</c> (a hybrid host mounts it at
/// <c>/sys/fs/cgroup/unified</c>, a unified one at <c>/sys/fs/cgroup</c>). Null when there is none.
/// </summary>
internal static class OwnControlGroup
{
    public static string? Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var own = File.ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
            if (own is null || !own.StartsWith('/'))
            {
                return null;
            }

            foreach (var line in File.ReadLines("/proc/self/mountinfo"))
            {
                // "<id> <parent> <major:minor> <root> <mount point> <options> [optional…] - <type> <source> <super options>"
                var separator = line.IndexOf(" - ", StringComparison.Ordinal);
                if (separator < 0 || !line[(separator + 3)..].StartsWith("cgroup2 ", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = line[..separator].Split(' ');
                if (fields.Length < 5)
                {
                    continue;
                }

                var root = Unescape(fields[3]);
                var relative = root == "/" ? own : own.StartsWith(root + "/", StringComparison.Ordinal) || own == root ? own[root.Length..] : null;
                if (relative is null)
                {
                    continue;
                }

                var path = Unescape(fields[4]).TrimEnd('/') + relative;
                return Directory.Exists(path) ? path.TrimEnd('/') : null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    /// <summary>mountinfo writes a space, tab, newline and backslash in a path as an octal escape.</summary>
    private static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}
