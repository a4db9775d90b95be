namespace AgentRuntime.Sdk;

/// <summary>
/// The entry point the host discovers in a plugin assembly: a public, non-abstract class with a
/// public parameterless constructor. One plugin may serve several adapter kinds.
/// </summary>
public interface IAdapterFactory
{
    /// <summary>
    /// The adapter kinds this factory serves, for example <c>codex</c>, <c>claude-code</c>,
    /// <c>hermes-agent</c>, <c>ollama-generate</c> or <c>script</c>. An adapter entry in config
    /// selects a kind through its <c>mode</c> (and <c>driver</c> for <c>agent-cli</c>).
    /// </summary>
    IReadOnlyList<string> Kinds { get; }

    /// <summary>
    /// Creates an adapter for one configured adapter entry. The host calls this once per entry and
    /// process, shares the adapter between attempts that may run at the same time (see
    /// <see cref="IAdapter"/>: adapters are re-entrant), and disposes it when it is done with it.
    /// </summary>
    /// <param name="context">The adapter entry the adapter serves.</param>
    /// <returns>A new adapter.</returns>
    /// <exception cref="AdapterConfigurationException">The entry's settings cannot be used by this kind.</exception>
    IAdapter Create(AdapterContext context);

    /// <summary>
    /// Checks an adapter entry's settings without creating an adapter or touching the network, for
    /// config validation (<c>healthcheck</c>). The host names no kind-specific setting itself: each
    /// problem returned here is reported as written, so write a complete sentence that names the
    /// adapter id and the setting, e.g. <c>adapter command missing for my-adapter</c>. Must not
    /// throw for bad settings; the host treats an exception as one problem. Added in 1.1; a factory
    /// built against 1.0 reports none.
    /// </summary>
    /// <param name="context">The adapter entry to check.</param>
    /// <returns>The problems found, in a stable order; empty when the settings are usable.</returns>
    IReadOnlyList<string> Validate(AdapterContext context) => [];
}
