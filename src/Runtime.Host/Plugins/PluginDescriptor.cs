using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Plugins;

/// <summary>A plugin found in the plugins directory: loaded and serving kinds, or failed with a reason.</summary>
internal sealed record PluginDescriptor
{
    public required string Name { get; init; }

    /// <summary>Absolute path of the plugin's main assembly.</summary>
    public required string AssemblyPath { get; init; }

    public string? Version { get; init; }

    public required bool Enabled { get; init; }

    public IReadOnlyList<string> Kinds { get; init; } = [];

    public IAdapterFactory? Factory { get; init; }

    /// <summary>Why the plugin could not be loaded; null when it loaded.</summary>
    public string? LoadError { get; init; }

    public bool Loaded => Factory is not null && LoadError is null;
}
