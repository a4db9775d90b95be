using AgentRuntime.Sdk;
using Newtonsoft.Json;

namespace DependentPlugin;

/// <summary>Uses its private dependency as soon as it is created.</summary>
public sealed class DependentAdapterFactory : IAdapterFactory
{
    /// <summary>Creates the factory, reading its kinds through Newtonsoft.Json.</summary>
    public DependentAdapterFactory()
    {
        Kinds = JsonConvert.DeserializeObject<string[]>("[\"dependent\"]")!;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; }

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => throw new NotSupportedException("never created in tests");
}
