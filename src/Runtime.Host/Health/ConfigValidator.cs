using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Plugins;

namespace AgentRuntime.Host.Health;

/// <summary>The semantic config checks of spec §7.9, exact strings. Problems are reported, never thrown.</summary>
internal static class ConfigValidator
{
    public static IReadOnlyList<string> Validate(RuntimeConfig config, AdapterRegistry adapters)
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

        // A default that names no profile made every task without requested_profile fail at claim time.
        if (!string.IsNullOrEmpty(config.DefaultProfile) && config.FindProfilePath(config.DefaultProfile) is null)
        {
            issues.Add($"defaultProfile {config.DefaultProfile} is not a configured profile (configured: {string.Join(", ", config.Profiles.Select(p => p.Key))})");
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
            issues.AddRange(ValidateAdapter(adapter, adapters));
        }

        return issues;
    }

    /// <summary>
    /// The host checks only what selects a plugin (<c>mode</c>, and <c>driver</c> for
    /// <c>agent-cli</c>); each kind's settings are checked by the plugin that serves it (SDK 1.1
    /// <c>IAdapterFactory.Validate</c>), so a dropped-in third-party driver is judged by its own plugin.
    /// </summary>
    private static IEnumerable<string> ValidateAdapter(AdapterEntry adapter, AdapterRegistry adapters)
    {
        if (string.IsNullOrEmpty(adapter.Mode))
        {
            return [$"unsupported adapter mode for {adapter.Id}"];
        }

        if (adapter.Mode == "agent-cli" && !adapters.IsServed(adapter))
        {
            return [$"unsupported agent-cli driver for {adapter.Id}: {adapter.Driver ?? "(none)"}"];
        }

        // A kind no plugin serves is reported by the adapter check ("no loaded plugin serves …").
        return adapters.Validate(adapter);
    }
}
