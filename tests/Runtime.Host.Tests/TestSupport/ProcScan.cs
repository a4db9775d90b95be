using System.Globalization;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>What the load tests count in <c>/proc</c>: survivors by an environment marker, zombies of a parent, open descriptors.</summary>
internal static class ProcScan
{
    /// <summary>Live (non-zombie) processes, other than this one, whose environment or command line holds <paramref name="marker"/>.</summary>
    public static IReadOnlyList<string> Marked(string marker)
    {
        var found = new List<string>();
        foreach (var (pid, directory) in Pids())
        {
            try
            {
                if (Stat(directory) is { State: not 'Z' and not 'X' }
                    && (File.ReadAllText(Path.Combine(directory, "environ")).Contains(marker, StringComparison.Ordinal)
                        || File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(marker, StringComparison.Ordinal)))
                {
                    found.Add($"{pid} {File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim()}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    /// <summary>Zombie children of <paramref name="parent"/>: processes it started and never reaped.</summary>
    public static int ZombieChildren(int parent) =>
        Pids().Count(p => Stat(p.Directory) is { State: 'Z' } stat && stat.Parent == parent);

    /// <summary>Open file descriptors of <paramref name="pid"/>.</summary>
    public static int Descriptors(int pid) =>
        Directory.GetFileSystemEntries($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd").Length;

    private static IEnumerable<(int Pid, string Directory)> Pids()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId)
            {
                yield return (pid, directory);
            }
        }
    }

    private static (char State, int Parent)? Stat(string directory)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(directory, "stat"));
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
