using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Logging;
using AgentRuntime.Host.Plugins;
using Serilog.Core;

namespace AgentRuntime.Host.Cli;

/// <summary>
/// The composition root of one CLI command: the loaded config, the process's one Serilog
/// pipeline, the run log, the clock, and (on first use) the plugin catalog and adapter registry.
/// </summary>
internal sealed class HostContext : IAsyncDisposable
{
    private PluginCatalog? _plugins;
    private AdapterRegistry? _adapters;

    private HostContext(RuntimeConfig config, Logger log, TimeProvider time)
    {
        Config = config;
        Log = log;
        Time = time;
        RunLog = new RunLog(log, time);
    }

    public RuntimeConfig Config { get; }

    public Logger Log { get; }

    public TimeProvider Time { get; }

    public RunLog RunLog { get; }

    public PluginCatalog Plugins => _plugins ??= PluginCatalog.Load(Config.Plugins, Log);

    public AdapterRegistry Adapters => _adapters ??= new AdapterRegistry(Config, Plugins);

    public static HostContext Open(string configPath)
    {
        var config = ConfigLoader.Load(configPath);
        return new HostContext(config, HostLogging.Create(config.LogDir), TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        if (_adapters is not null)
        {
            await _adapters.DisposeAsync().ConfigureAwait(false);
        }

        _plugins?.Dispose();
        await Log.DisposeAsync().ConfigureAwait(false);
    }
}
