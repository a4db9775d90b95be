using AgentRuntime.Host.Plugins;

namespace AgentRuntime.Host.Operations;

/// <summary>The plugin catalog as the operator sees it.</summary>
internal sealed class PluginService(PluginCatalog catalog)
{
    public PluginReport List() => new(catalog.Directory, catalog.Plugins);
}
