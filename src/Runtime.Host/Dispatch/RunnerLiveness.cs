using System.Globalization;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// Whether the runner that owns an attempt is gone, judged from its runner id (spec §0.2:
/// <c>&lt;hostname&gt;:&lt;pid&gt;:&lt;ISO time&gt;</c>). Only a runner of this host whose process is
/// alive counts as alive; an id this host cannot check (another host's, the Bun runtime's, one
/// that does not parse) counts as gone, as the reference's sweep treated every runner.
/// </summary>
internal static class RunnerLiveness
{
    private static readonly Lazy<string> HostName = new(System.Net.Dns.GetHostName);

    /// <param name="runnerId">The attempt's runner id.</param>
    /// <param name="selfRunnerId">This process's runner id: alive by definition. Another id with this
    /// process's pid belonged to an earlier process that had the same pid, so it is gone.</param>
    public static bool IsGone(string runnerId, string selfRunnerId)
    {
        ArgumentNullException.ThrowIfNull(runnerId);
        if (runnerId == selfRunnerId)
        {
            return false;
        }

        var hostEnd = runnerId.IndexOf(':', StringComparison.Ordinal);
        var pidEnd = hostEnd < 0 ? -1 : runnerId.IndexOf(':', hostEnd + 1);
        if (pidEnd < 0 || runnerId[..hostEnd] != HostName.Value)
        {
            return true;
        }

        if (!int.TryParse(runnerId.AsSpan(hostEnd + 1, pidEnd - hostEnd - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return true;
        }

        return pid == Environment.ProcessId || !ProcessLiveness.IsAlive(pid);
    }

    /// <summary>
    /// Whether the runner is certainly gone: a runner of this host, not this process, whose pid
    /// names no live process. Stricter than <see cref="IsGone"/>: an id that cannot be checked (another
    /// host's, the Bun runtime's) counts as alive, so nothing is taken from a runner that may still write.
    /// </summary>
    public static bool IsProvenGone(string runnerId)
    {
        ArgumentNullException.ThrowIfNull(runnerId);
        var hostEnd = runnerId.IndexOf(':', StringComparison.Ordinal);
        var pidEnd = hostEnd < 0 ? -1 : runnerId.IndexOf(':', hostEnd + 1);
        return pidEnd > 0
            && runnerId[..hostEnd] == HostName.Value
            && int.TryParse(runnerId.AsSpan(hostEnd + 1, pidEnd - hostEnd - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && pid != Environment.ProcessId
            && !ProcessLiveness.IsAlive(pid);
    }
}
