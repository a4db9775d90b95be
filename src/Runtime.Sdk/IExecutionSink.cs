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

    /// <summary>
    /// Declares a value the adapter came to know while it runs (a token fetched from a vault, a
    /// session key a login returned) as secret. From this call on the host masks it, and its
    /// JSON-escaped, percent-encoded and base64 forms, as <c>***</c> in everything it persists or
    /// prints: later output, the returned result, the audit files, the attempt row, events, the log
    /// and everything shown from them. Call it before writing anything that may contain the value.
    /// Values shorter than four characters, blank values and trivial words (<c>true</c>,
    /// <c>null</c>) are ignored. Added in SDK 1.2; the default does nothing (a sink that is not the
    /// host's, in a plugin's own tests for one).
    /// </summary>
    /// <param name="value">The secret value, as the adapter knows it.</param>
    void RegisterSecret(string value)
    {
    }
}
