using System.Globalization;
using AgentRuntime.Host.Storage;
using AgentRuntime.Plugins.Shared;

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
    /// As <see cref="IsGone(string, string)"/>, and a runner whose pid is alive counts as gone when
    /// that pid now names another process than the one recorded at its claims (its
    /// <c>&lt;boot id&gt;/&lt;start ticks&gt;</c> differs): the runner died and its pid was reused, so its
    /// attempts are not left running for ever. Without a recorded identity (a runner before
    /// migration 0007, the Bun runtime's) the pid alone decides, as before.
    /// </summary>
    public static bool IsGone(RecordedRunner runner, string selfRunnerId)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (IsGone(runner.RunnerId, selfRunnerId))
        {
            return true;
        }

        return runner.RunnerId != selfRunnerId
            && runner.Identity is { } recorded
            && RunnerId.TryGetProcessId(runner.RunnerId, out var pid)
            && ProcessIdentity.Of(pid) is { } now
            && now != recorded;
    }

    /// <summary>
    /// Whether the runner is certainly gone: a runner of this host, not this process, whose pid
    /// names no live process. Stricter than <see cref="IsGone(string, string)"/>: an id that cannot be checked (another
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
