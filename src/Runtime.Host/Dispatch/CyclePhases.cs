using AgentRuntime.Host.Cli;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// The pre-claim phases of every cycle, in the reference order: due schedules, then workflow
/// evaluation, then substrate intake. Each registers itself here as it lands.
/// </summary>
internal static class CyclePhases
{
    public static void AddTo(DispatchCycle cycle, HostContext host)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(host);
    }
}
