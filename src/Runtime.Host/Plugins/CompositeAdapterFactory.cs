using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Plugins;

/// <summary>Presents a plugin with several factories as one.</summary>
internal sealed class CompositeAdapterFactory(IReadOnlyList<IAdapterFactory> factories) : IAdapterFactory
{
    public IReadOnlyList<string> Kinds { get; } = factories.SelectMany(f => f.Kinds).Distinct(StringComparer.Ordinal).ToList();

    public IAdapter Create(AdapterContext context) => For(context).Create(context);

    public IReadOnlyList<string> Validate(AdapterContext context) => For(context).Validate(context);

    private IAdapterFactory For(AdapterContext context) =>
        factories.First(f => f.Kinds.Contains(context.Kind, StringComparer.Ordinal));
}
