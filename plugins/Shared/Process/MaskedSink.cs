using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Forwards output lines with the known secret values masked: in a plugin before they reach the
/// host's sink, in the host before anything sees them (the live audit files, the host log, the
/// web's output route). Adapters write one line per call (the SDK's contract, and what the
/// first-party plugins do), so a single-line secret, or any of its encoded forms, is never split
/// across calls; a multi-line secret is known to the masker line by line as well. A value declared
/// through <see cref="IExecutionSink.RegisterSecret"/> joins the masker; process reports pass
/// through as they are.
/// </summary>
internal sealed class MaskedSink(SecretMasker masker, IExecutionSink inner) : IExecutionSink
{
    public void Write(OutputChannel channel, string text) => inner.Write(channel, text is null ? text! : masker.Apply(text));

    public void ProcessStarted(AdapterProcess process) => inner.ProcessStarted(process);

    /// <summary>Masks the value here from now on and passes it on, so the host (at the end of the chain) masks it too.</summary>
    public void RegisterSecret(string value)
    {
        masker.Add(value);
        inner.RegisterSecret(value);
    }
}
