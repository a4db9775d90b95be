using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Plugins;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>adapters</c>: every configured adapter with its health and the plugin that serves it (spec §1.2).</summary>
internal static class AdaptersCommand
{
    public static Command Create()
    {
        var probe = new Option<bool>("--probe") { Description = "Also walk the fallback chain from the default adapter, with fresh probes" };
        var command = new Command("adapters", "Healthcheck every configured adapter and show the plugin that serves it");
        command.Options.Add(probe);
        command.SetAction(async (parse, ct) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var (result, defaultOk) = await BuildAsync(host, ct).ConfigureAwait(false);
            if (parse.GetValue(probe))
            {
                var selection = await new AdapterSelector(host.Adapters, host.Time, new AdapterProbeCache()).SelectAsync(host.Config.DefaultAdapter, ct).ConfigureAwait(false);
                result["probe"] = new JsonObject
                {
                    ["requested_adapter"] = selection.RequestedAdapter,
                    ["selected_adapter"] = selection.SelectedAdapter,
                    ["chain"] = selection.Chain.DeepClone(),
                };
            }

            CliOutput.WriteJson(result);
            return defaultOk ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    public static async Task<(JsonObject Result, bool DefaultOk)> BuildAsync(HostContext host, CancellationToken ct)
    {
        var config = host.Config;
        var adapters = new JsonArray();
        var defaultOk = false;
        foreach (var entry in config.Adapters)
        {
            var health = await host.Adapters.HealthcheckAsync(entry, ct).ConfigureAwait(false);
            var binding = host.Adapters.Bind(entry);
            var isDefault = entry.Id == config.DefaultAdapter;
            defaultOk |= isDefault && health.Ok;
            var item = new JsonObject
            {
                ["id"] = entry.Id,
                ["mode"] = entry.Mode,
                ["isDefault"] = isDefault,
                ["ok"] = health.Ok,
            };
            if (entry.FallbackAdapter is { } fallback)
            {
                item["fallback_adapter"] = fallback;
            }

            if (!health.Ok)
            {
                item["broken_reason"] = BrokenReason(health.Detail, entry.Settings);
            }

            item["detail"] = health.Detail.DeepClone();
            item["plugin"] = binding.Plugin is { } plugin
                ? new JsonObject
                {
                    ["name"] = plugin.Name,
                    ["version"] = plugin.Version,
                    ["path"] = plugin.AssemblyPath,
                    ["enabled"] = plugin.Enabled,
                }
                : null;
            adapters.Add(item);
        }

        var result = new JsonObject
        {
            ["defaultAdapter"] = config.DefaultAdapter,
            ["defaultOk"] = defaultOk,
            ["adapters"] = adapters,
        };
        return (result, defaultOk);
    }

    /// <summary>Spec §1.2: the detail's error; else "command not found" when the command did not resolve; else a generic reason.</summary>
    internal static string BrokenReason(JsonObject detail, JsonObject settings)
    {
        if (detail["error"] is JsonValue error && error.GetValueKind() == JsonValueKind.String)
        {
            return error.GetValue<string>();
        }

        if (detail.ContainsKey("command_path") && detail["command_path"] is null)
        {
            var command = detail["command"]?.GetValue<string>() ?? settings["command"]?.GetValue<string>();
            return $"command not found: {command}";
        }

        return "healthcheck failed";
    }
}
