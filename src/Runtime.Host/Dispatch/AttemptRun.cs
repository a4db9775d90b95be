using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Plugins;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Dispatch;

/// <summary>What an attempt runs with once its adapter is chosen and its bundle written.</summary>
internal sealed record AttemptRun(Profile Profile, AdapterEntry Entry, GuardedAdapter Adapter, CompiledBundle Bundle, SecretMasker Masker);
