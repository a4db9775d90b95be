using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;

namespace AgentRuntime.Host.Health;

/// <summary>The semantic config checks of spec §7.9, exact strings. Problems are reported, never thrown.</summary>
internal static class ConfigValidator
{
    public static IReadOnlyList<string> Validate(RuntimeConfig config)
    {
        var issues = new List<string>();
        if (string.IsNullOrWhiteSpace(config.RuntimeName))
        {
            issues.Add("runtimeName is required");
        }

        if (string.IsNullOrWhiteSpace(config.RuntimePolicy))
        {
            issues.Add("runtimePolicy is required");
        }

        if (config.MaxAttempts < 1)
        {
            issues.Add("maxAttempts must be at least 1");
        }

        if (config.RetryBackoffSeconds < 1)
        {
            issues.Add("retryBackoffSeconds must be at least 1");
        }

        foreach (var (id, path) in config.Profiles)
        {
            if (!File.Exists(path))
            {
                issues.Add($"profile file missing for {id}: {path}");
            }
        }

        foreach (var adapter in config.Adapters)
        {
            issues.AddRange(ValidateAdapter(adapter));
        }

        return issues;
    }

    private static IEnumerable<string> ValidateAdapter(AdapterEntry adapter)
    {
        var id = adapter.Id;
        var settings = adapter.Settings;
        var timeout = settings.GetNumber("timeoutMs");
        // As in the reference, an absent timeout is not "too low"; the plugins apply their own default.
        var tooLow = timeout is { } ms && ms < 1000;
        switch (adapter.Mode)
        {
            case "ollama-generate":
                if (string.IsNullOrWhiteSpace(settings.GetString("endpoint")))
                {
                    yield return $"adapter endpoint missing for {id}";
                }

                if (string.IsNullOrWhiteSpace(settings.GetString("model")))
                {
                    yield return $"adapter model missing for {id}";
                }

                if (tooLow)
                {
                    yield return $"adapter timeout too low for {id}";
                }

                break;
            case "agent-cli":
                if (string.IsNullOrWhiteSpace(settings.GetString("command")))
                {
                    yield return $"adapter command missing for {id}";
                }

                if (tooLow)
                {
                    yield return $"adapter timeout too low for {id}";
                }

                if (settings.GetString("settingsFile") is { } settingsFile && !File.Exists(settingsFile))
                {
                    yield return $"adapter settingsFile missing for {id}: {settingsFile}";
                }

                if (adapter.Driver == "codex" && !string.IsNullOrWhiteSpace(settings.GetString("providerBaseUrl"))
                    && string.IsNullOrWhiteSpace(settings.GetString("model"))
                    && string.IsNullOrWhiteSpace((settings["env"] as JsonObject)?.GetString("CODEX_MODEL")))
                {
                    yield return $"codex adapter model missing for {id}";
                }

                if (adapter.Driver == "claude-code" && settings.GetString("autonomy") == "trusted-vm" && settings.GetString("settingsFile") is null)
                {
                    yield return $"claude-code trusted-vm adapter missing settingsFile for {id}";
                }

                if (adapter.Driver is not ("codex" or "claude-code" or "hermes-agent"))
                {
                    yield return $"unsupported agent-cli driver for {id}: {adapter.Driver ?? "(none)"}";
                }

                break;
            case "script":
                if (string.IsNullOrWhiteSpace(settings.GetString("command")))
                {
                    yield return $"script command missing for {id}";
                }

                if (tooLow)
                {
                    yield return $"script adapter timeout too low for {id}";
                }

                if (settings.GetString("envFile") is { } envFile && !File.Exists(envFile))
                {
                    yield return $"script adapter envFile missing for {id}: {envFile}";
                }

                break;
            case null or "":
                yield return $"unsupported adapter mode for {id}";
                break;
            default:
                // A third-party kind is valid when a plugin serves it; the adapter check reports a missing plugin.
                break;
        }
    }
}
