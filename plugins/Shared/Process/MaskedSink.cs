using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>Forwards output lines to the host's sink with the plugin's secret values masked, and process reports as they are.</summary>
internal sealed class MaskedSink(OutputMasker masker, IExecutionSink inner) : IExecutionSink
{
    public void Write(OutputChannel channel, string text) => inner.Write(channel, masker.Apply(text));

    public void ProcessStarted(AdapterProcess process) => inner.ProcessStarted(process);
}
