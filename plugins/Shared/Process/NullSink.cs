using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>Discards output: for helper processes (the credential skill) whose output must not reach the attempt's log.</summary>
internal sealed class NullSink : IExecutionSink
{
    public static NullSink Instance { get; } = new();

    public void Write(OutputChannel channel, string text)
    {
    }
}
