namespace AgentRuntime.Host.Configuration;

/// <summary>
/// The <c>plugins</c> block: where plugins live and which are enabled on this host. Host override
/// files change it field by field through <c>extends</c>.
/// </summary>
internal sealed record PluginSettings
{
    /// <summary>Absolute plugins directory, or null for the default (<c>plugins/</c> beside the host).</summary>
    public string? Directory { get; init; }

    /// <summary>When set, only these plugins are enabled.</summary>
    public IReadOnlyList<string>? Enabled { get; init; }

    /// <summary>Plugins disabled on this host (wins over <see cref="Enabled"/>).</summary>
    public IReadOnlyList<string> Disabled { get; init; } = [];

    public bool IsEnabled(string pluginName) =>
        !Disabled.Contains(pluginName, StringComparer.OrdinalIgnoreCase)
        && (Enabled is null || Enabled.Contains(pluginName, StringComparer.OrdinalIgnoreCase));
}
