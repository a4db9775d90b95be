using System.Text.Json.Nodes;
using AgentRuntime.Host.Plugins;

namespace AgentRuntime.Host.Operations;

/// <summary>What the plugins directory holds, what loaded, and what is enabled on this host (<c>plugins</c>).</summary>
internal sealed record PluginReport(string Directory, IReadOnlyList<PluginDescriptor> Plugins)
{
    public bool AllLoaded => Plugins.All(p => p.Loaded);

    public JsonObject ToJson()
    {
        var plugins = new JsonArray();
        foreach (var plugin in Plugins)
        {
            var item = new JsonObject
            {
                ["name"] = plugin.Name,
                ["version"] = plugin.Version,
                ["path"] = plugin.AssemblyPath,
                ["enabled"] = plugin.Enabled,
                ["loaded"] = plugin.Loaded,
                ["kinds"] = new JsonArray([.. plugin.Kinds.Select(k => (JsonNode)k)]),
            };
            if (plugin.LoadError is { } error)
            {
                item["error"] = error;
            }

            plugins.Add((JsonNode)item);
        }

        return new JsonObject { ["directory"] = Directory, ["plugins"] = plugins };
    }
}
