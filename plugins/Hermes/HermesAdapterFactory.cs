using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Hermes;

/// <summary>Serves the <c>hermes-agent</c> agent-cli driver.</summary>
public sealed class HermesAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["hermes-agent"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new HermesAdapter(context);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(AdapterContext context) => AgentCliSettings.Validate(context);
}
