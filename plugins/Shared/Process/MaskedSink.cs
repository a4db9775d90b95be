using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>Forwards output lines to the host's sink with the plugin's secret values masked.</summary>
internal sealed class MaskedSink(OutputMasker masker, IExecutionSink inner) : IExecutionSink
{
    public void Write(OutputChannel channel, string text) => inner.Write(channel, masker.Apply(text));
}
