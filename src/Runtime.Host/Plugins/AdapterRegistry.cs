using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Secrets;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Plugins;

/// <summary>
/// Matches configured adapters to plugins and creates their adapters, guarded and cached for the
/// command's lifetime. Safe to use from several attempts at once: each adapter is created once
/// (under a lock) and then shared, so an adapter must be re-entrant (the first-party ones keep no
/// per-execution state).
/// </summary>
internal sealed class AdapterRegistry(RuntimeConfig config, PluginCatalog catalog) : IAsyncDisposable
{
    private readonly Dictionary<string, GuardedAdapter> _adapters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public RuntimeConfig Config { get; } = config;

    public PluginCatalog Catalog { get; } = catalog;

    public AdapterBinding Bind(AdapterEntry entry)
    {
        if (entry.Kind is not { } kind)
        {
            return new AdapterBinding(entry, null, BindingState.UnsupportedMode, $"unsupported adapter mode: {entry.Mode ?? "(none)"}");
        }

        var plugin = Catalog.FindForKind(kind, entry.Plugin);
        if (plugin is null)
        {
            var pinned = entry.Plugin is null ? "" : $" in plugin {entry.Plugin}";
            return new AdapterBinding(entry, null, BindingState.NoPlugin, $"no loaded plugin serves adapter kind '{kind}'{pinned} (plugins directory: {Catalog.Directory})");
        }

        return plugin.Enabled
            ? new AdapterBinding(entry, plugin, BindingState.Ready, null)
            : new AdapterBinding(entry, plugin, BindingState.PluginDisabled, $"plugin {plugin.Name} is disabled on this host");
    }

    /// <summary>Creates (once) the adapter for a ready binding; a factory that throws yields the reason instead.</summary>
    public (GuardedAdapter? Adapter, string? Problem) GetAdapter(AdapterBinding binding)
    {
        if (binding.State != BindingState.Ready || binding.Plugin?.Factory is not { } factory)
        {
            return (null, binding.Problem);
        }

        lock (_gate)
        {
            return Create(binding, binding.Plugin.Name, factory);
        }
    }

    private (GuardedAdapter? Adapter, string? Problem) Create(AdapterBinding binding, string pluginName, IAdapterFactory factory)
    {
        if (_adapters.TryGetValue(binding.Entry.Id, out var existing))
        {
            return (existing, null);
        }

        try
        {
            var adapter = new GuardedAdapter(binding.Entry.Id, pluginName, factory.Create(ContextFor(binding.Entry)));
            _adapters[binding.Entry.Id] = adapter;
            return (adapter, null);
        }
        catch (Exception ex)
        {
            return (null, $"plugin {pluginName} could not create adapter {binding.Entry.Id}: {PluginGuard.Describe(ex)}");
        }
    }

    /// <summary>
    /// The settings problems the serving plugin reports for an entry (SDK 1.1
    /// <see cref="IAdapterFactory.Validate"/>); none when no loaded plugin serves its kind (the
    /// adapter check reports that). A plugin that throws yields one problem naming it.
    /// </summary>
    public IReadOnlyList<string> Validate(AdapterEntry entry)
    {
        if (entry.Kind is not { } kind || Catalog.FindForKind(kind, entry.Plugin) is not { Factory: { } factory } plugin)
        {
            return [];
        }

        try
        {
            return factory.Validate(ContextFor(entry)).ToList();
        }
        catch (Exception ex)
        {
            return [$"plugin {plugin.Name} could not validate adapter {entry.Id}: {PluginGuard.Describe(ex)}"];
        }
    }

    /// <summary>Whether a loaded plugin (enabled or not) serves the entry's kind.</summary>
    public bool IsServed(AdapterEntry entry) => entry.Kind is { } kind && Catalog.FindForKind(kind, entry.Plugin) is not null;

    public async Task<HealthReport> HealthcheckAsync(AdapterEntry entry, CancellationToken cancellationToken)
    {
        var binding = Bind(entry);
        if (binding.State == BindingState.UnsupportedMode)
        {
            return new HealthReport { Ok = false, Detail = new JsonObject { ["error"] = "unsupported_adapter_mode", ["mode"] = entry.Mode } };
        }

        var (adapter, problem) = GetAdapter(binding);
        if (adapter is null)
        {
            return new HealthReport { Ok = false, Detail = new JsonObject { ["error"] = problem } };
        }

        // A plugin's detail may echo settings (a script's extraArgs): secret values are masked before anyone prints it.
        var report = await adapter.HealthcheckAsync(cancellationToken).ConfigureAwait(false);
        return report with { Detail = SecretSources.ForConfig(Config).Apply(report.Detail) ?? [] };
    }

    private AdapterContext ContextFor(AdapterEntry entry) => new()
    {
        AdapterId = entry.Id,
        Kind = entry.Kind!,
        Settings = JsonElements.From(entry.Settings),
        ConfigDirectory = Path.GetDirectoryName(entry.DeclaringFile)!,
        RuntimeName = Config.RuntimeName,
    };

    public async ValueTask DisposeAsync()
    {
        List<GuardedAdapter> adapters;
        lock (_gate)
        {
            adapters = [.. _adapters.Values];
            _adapters.Clear();
        }

        foreach (var adapter in adapters)
        {
            await adapter.DisposeAsync().ConfigureAwait(false);
        }
    }
}
