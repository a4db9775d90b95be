using System.Text.Json.Nodes;
using AgentRuntime.Host.Plugins;

namespace AgentRuntime.Host.Operations;

/// <summary>One configured adapter as <c>adapters</c> shows it: its health and the plugin that serves it.</summary>
internal sealed record AdapterStatus(
    string Id,
    string? Mode,
    bool IsDefault,
    bool Ok,
    string? FallbackAdapter,
    string? BrokenReason,
    JsonObject Detail,
    PluginDescriptor? Plugin)
{
    public JsonObject ToJson()
    {
        var item = new JsonObject
        {
            ["id"] = Id,
            ["mode"] = Mode,
            ["isDefault"] = IsDefault,
            ["ok"] = Ok,
        };
        if (FallbackAdapter is { } fallback)
        {
            item["fallback_adapter"] = fallback;
        }

        if (BrokenReason is { } reason)
        {
            item["broken_reason"] = reason;
        }

        item["detail"] = Detail.DeepClone();
        item["plugin"] = Plugin is { } plugin
            ? new JsonObject
            {
                ["name"] = plugin.Name,
                ["version"] = plugin.Version,
                ["path"] = plugin.AssemblyPath,
                ["enabled"] = plugin.Enabled,
            }
            : null;
        return item;
    }
}
