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
}
