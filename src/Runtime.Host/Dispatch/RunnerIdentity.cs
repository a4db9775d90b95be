using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Dispatch;

/// <summary>The runner id, <c>&lt;hostname&gt;:&lt;pid&gt;:&lt;ISO start time&gt;</c>, fixed for the life of the process.</summary>
internal static class RunnerIdentity
{
    public static string Create(TimeProvider time) =>
        $"{Environment.MachineName}:{Environment.ProcessId}:{IsoTime.Now(time)}";
}
