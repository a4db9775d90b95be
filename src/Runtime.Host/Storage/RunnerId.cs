using System.Globalization;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Storage;

/// <summary>The runner id of spec §0.2: <c>&lt;hostname&gt;:&lt;pid&gt;:&lt;ISO time at process start&gt;</c>.</summary>
internal static class RunnerId
{
    /// <summary>Builds the id; call once per process, at start, and keep it.</summary>
    public static string Create(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);

        // Dns.GetHostName is gethostname(2), as Node's os.hostname(); Environment.MachineName may shorten it.
        return $"{System.Net.Dns.GetHostName()}:{Environment.ProcessId}:{IsoTime.Now(time)}";
    }

    /// <summary>The host name and pid a runner id names; false for an id that does not parse (the Bun runtime's may not).</summary>
    public static bool TryParse(string runnerId, out string host, out int pid)
    {
        ArgumentNullException.ThrowIfNull(runnerId);
        var hostEnd = runnerId.IndexOf(':', StringComparison.Ordinal);
        var pidEnd = hostEnd < 0 ? -1 : runnerId.IndexOf(':', hostEnd + 1);
        host = hostEnd < 0 ? "" : runnerId[..hostEnd];
        pid = 0;
        return pidEnd > 0 && int.TryParse(runnerId.AsSpan(hostEnd + 1, pidEnd - hostEnd - 1), NumberStyles.None, CultureInfo.InvariantCulture, out pid);
    }

    /// <summary>The pid a runner id names.</summary>
    public static bool TryGetProcessId(string runnerId, out int pid) => TryParse(runnerId, out _, out pid);
}
