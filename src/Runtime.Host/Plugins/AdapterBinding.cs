using AgentRuntime.Host.Configuration;

namespace AgentRuntime.Host.Plugins;

/// <summary>An adapter entry matched to the plugin that serves its kind, or the reason none can.</summary>
internal sealed record AdapterBinding(AdapterEntry Entry, PluginDescriptor? Plugin, BindingState State, string? Problem);
