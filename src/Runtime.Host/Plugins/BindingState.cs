namespace AgentRuntime.Host.Plugins;

/// <summary>Whether an adapter entry has a plugin to run it on this host.</summary>
internal enum BindingState
{
    Ready,
    PluginDisabled,
    NoPlugin,
    UnsupportedMode,
}
