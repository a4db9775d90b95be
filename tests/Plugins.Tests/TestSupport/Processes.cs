using System.Globalization;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Plugins.Tests.TestSupport;

/// <summary>Survivor checks by pid: the fake agent appends the pid of every process it starts to a file.</summary>
internal static class Processes
{
    public static IReadOnlyList<int> ReadPids(string pidFile) =>
        File.Exists(pidFile)
            ? File.ReadAllLines(pidFile).Where(l => l.Trim().Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList()
            : [];

    /// <summary>Running means present and not a zombie (this machine's init does not reap orphans promptly).</summary>
    public static bool IsRunning(int pid) => ProcessSignals.ReadStat(pid) is { State: not 'Z' and not 'X' };

    public static void AssertNoneRunning(string pidFile, int expectedAtLeast)
    {
        var pids = ReadPids(pidFile);
        Assert.True(pids.Count >= expectedAtLeast, $"expected at least {expectedAtLeast} recorded pids, got {pids.Count}");
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} survived"));
    }

    /// <summary>Test cleanup for a process that was meant to escape: SIGKILL it by pid.</summary>
    public static void Kill(int pid) => ProcessSignals.Send(pid, ownGroup: false, ProcessSignals.SigKill);

    /// <summary>
    /// Pids of running processes whose environment holds <paramref name="marker"/> (a real CLI's
    /// descendants cannot write pid files, but they inherit the adapter env).
    /// </summary>
    public static IReadOnlyList<int> WithEnvironmentMarker(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (IsRunning(pid) && File.ReadAllText(Path.Combine(directory, "environ")).Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return found;
    }
}
