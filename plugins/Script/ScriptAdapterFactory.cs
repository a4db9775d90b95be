using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Script;

/// <summary>Serves the <c>script</c> adapter kind: deterministic jobs such as the AIBTC heartbeat.</summary>
public sealed class ScriptAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["script"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new ScriptAdapter(context);
}
