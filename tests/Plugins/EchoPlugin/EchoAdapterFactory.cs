using AgentRuntime.Sdk;

namespace EchoPlugin;

/// <summary>A third-party adapter kind, <c>echo</c>, that answers with a canonical outcome built from the task.</summary>
public sealed class EchoAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["echo"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new EchoAdapter(context);
}
