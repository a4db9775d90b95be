using AgentRuntime.Host.Configuration;

namespace AgentRuntime.Host.Plugins;

/// <summary>
/// The one place an attempt's time limit is decided. The host passes it to the plugin in
/// <see cref="Sdk.ExecutionRequest.Timeout"/>; the plugin stops its work at that limit and returns
/// a <c>timeout</c> result with its evidence. The host's own guard waits <see cref="PluginGrace"/>
/// longer, as a last resort for a plugin that ignores the limit (or predates SDK 1.1).
/// </summary>
internal static class AttemptTimeout
{
    /// <summary>
    /// Covers a plugin's own stop sequence after its limit (SIGTERM, up to 5 s, SIGKILL, pipe drain)
    /// with room to spare, so a well-behaved plugin always answers before the guard gives up.
    /// </summary>
    public static readonly TimeSpan PluginGrace = TimeSpan.FromSeconds(30);

    /// <summary>The adapter's <c>timeoutMs</c> when positive, else the config's <c>defaultAdapterTimeoutMs</c>.</summary>
    public static TimeSpan For(AdapterEntry entry, RuntimeConfig config) =>
        entry.Settings.GetNumber("timeoutMs") is { } ms && ms > 0 ? TimeSpan.FromMilliseconds(ms) : config.DefaultAdapterTimeout;
}
