using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>The agent-cli healthcheck of spec §6.8, shared by the Codex, Claude Code and Hermes drivers.</summary>
internal static class AgentCliHealth
{
    public static IReadOnlyList<string> TrustedVmArgs(string driver) => driver switch
    {
        "codex" => ["--dangerously-bypass-approvals-and-sandbox"],
        "claude-code" => ["--allow-dangerously-skip-permissions", "--dangerously-skip-permissions", "--permission-mode", "bypassPermissions"],
        "hermes-agent" => ["--yolo"],
        _ => [],
    };

    public static HealthReport Check(string driver, AdapterSettings settings)
    {
        var command = settings.GetString("command");
        var commandPath = ExecutableLocator.Find(command);
        var envFile = settings.GetString("envFile");
        var settingsFile = settings.GetString("settingsFile");
        var autonomy = settings.GetString("autonomy") ?? "restricted";
        var requiredArgs = new JsonArray();
        if (autonomy == "trusted-vm")
        {
            foreach (var arg in TrustedVmArgs(driver))
            {
                requiredArgs.Add(arg);
            }
        }

        return new HealthReport
        {
            Ok = commandPath is not null,
            Detail = new JsonObject
            {
                ["driver"] = driver,
                ["command"] = command,
                ["command_path"] = commandPath,
                ["env_file"] = envFile,
                ["env_file_exists"] = envFile is null ? null : File.Exists(envFile),
                ["settings_file"] = settingsFile,
                ["settings_file_exists"] = settingsFile is null ? null : File.Exists(settingsFile),
                ["model"] = settings.GetString("model"),
                ["provider_base_url"] = settings.GetString("providerBaseUrl"),
                ["autonomy"] = autonomy,
                ["required_args"] = requiredArgs,
            },
        };
    }

    public static async Task<ProbeResult> ProbeAsync(AdapterSettings settings, CancellationToken cancellationToken)
    {
        var command = settings.GetString("command");
        var commandPath = ExecutableLocator.Find(command);
        if (commandPath is null)
        {
            return new ProbeResult { Ok = false, Reason = $"command not found: {command}", Detail = new JsonObject { ["command"] = command } };
        }

        return settings.GetString("providerBaseUrl") is { Length: > 0 } baseUrl
            ? await HttpProbe.GetAsync(baseUrl.TrimEnd('/') + "/models", cancellationToken).ConfigureAwait(false)
            : new ProbeResult { Ok = true, Detail = new JsonObject { ["command_path"] = commandPath } };
    }
}
