namespace AgentRuntime.Sdk;

/// <summary>
/// Receives an adapter's output while it runs. Implementations are supplied by the host, are
/// thread-safe and never throw into the adapter.
/// </summary>
public interface IExecutionSink
{
    /// <summary>Records a chunk of output.</summary>
    /// <param name="channel">Which stream the text came from.</param>
    /// <param name="text">The text, usually one line without its terminator.</param>
    void Write(OutputChannel channel, string text);

    /// <summary>
    /// Reports a process the adapter started for the attempt, as soon as it is started, so the host
    /// can record it (and stop its tree after a crash of the host). Optional: the default does
    /// nothing, and a host older than 1.2 never records it. Added in 1.2.
    /// </summary>
    /// <param name="process">The process, its group and its cgroup.</param>
    void ProcessStarted(AdapterProcess process)
    {
    }
}
