using System.CommandLine;
using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>plugins</c>: what the plugins directory holds, what loaded, and what is enabled on this host.</summary>
internal static class PluginsCommand
{
    public static Command Create()
    {
        var command = new Command("plugins", "List the adapter plugins found in the plugins directory");
        command.SetAction(async (parse, ct) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var plugins = new JsonArray();
            foreach (var plugin in host.Plugins.Plugins)
            {
                var item = new JsonObject
                {
                    ["name"] = plugin.Name,
                    ["version"] = plugin.Version,
                    ["path"] = plugin.AssemblyPath,
                    ["enabled"] = plugin.Enabled,
                    ["loaded"] = plugin.Loaded,
                    ["kinds"] = new JsonArray(plugin.Kinds.Select(k => (JsonNode)k).ToArray()),
                };
                if (plugin.LoadError is { } error)
                {
                    item["error"] = error;
                }

                plugins.Add(item);
            }

            CliOutput.WriteJson(new JsonObject { ["directory"] = host.Plugins.Directory, ["plugins"] = plugins });
            return host.Plugins.Plugins.All(p => p.Loaded) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
