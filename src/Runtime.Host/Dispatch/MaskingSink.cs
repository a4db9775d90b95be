using AgentRuntime.Host.Secrets;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// Masks the attempt's secret values in live output before anything sees it (the live audit files,
/// the host log, the web's output route). Adapters write one line per call (the SDK's contract,
/// and what the first-party plugins do), so a single-line secret is never split across calls; a
/// multi-line secret is known to the masker line by line as well.
/// </summary>
internal sealed class MaskingSink(SecretMasker masker, IExecutionSink inner) : IExecutionSink
{
    public void Write(OutputChannel channel, string text) => inner.Write(channel, text is null ? text! : masker.Apply(text));
}
