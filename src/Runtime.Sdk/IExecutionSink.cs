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
}
