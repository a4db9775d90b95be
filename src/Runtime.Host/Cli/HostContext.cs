using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Logging;
using AgentRuntime.Host.Plugins;
using AgentRuntime.Host.Storage;
using Serilog.Core;

namespace AgentRuntime.Host.Cli;

/// <summary>
/// The composition root of one CLI command: the loaded config, the process's one Serilog
/// pipeline, the run log, the clock, the runner id, and (on first use) the plugin catalog, the
/// adapter registry and the database (opened and migrated on first use, closed on dispose).
/// </summary>
internal sealed class HostContext : IAsyncDisposable
{
    private PluginCatalog? _plugins;
    private AdapterRegistry? _adapters;
    private RuntimeDatabase? _database;
    private TaskStore? _tasks;
    private SqliteRuntimeStore? _store;

    private HostContext(RuntimeConfig config, Logger log, TimeProvider time)
    {
        Config = config;
        Log = log;
        Time = time;
        RunLog = new RunLog(log, time);
        RunnerId = Storage.RunnerId.Create(time);
    }

    public RuntimeConfig Config { get; }

    public Logger Log { get; }

    public TimeProvider Time { get; }

    public RunLog RunLog { get; }

    /// <summary>This process's runner id (spec §0.2), fixed at start.</summary>
    public string RunnerId { get; }

    public PluginCatalog Plugins => _plugins ??= PluginCatalog.Load(Config.Plugins, Log);

    public AdapterRegistry Adapters => _adapters ??= new AdapterRegistry(Config, Plugins);

    /// <summary>The runtime database at <c>config.dbPath</c>; the first use opens it and applies pending migrations.</summary>
    public RuntimeDatabase Database => _database ??= RuntimeDatabase.Open(Config.DbPath, Time);

    public TaskStore Tasks => _tasks ??= new TaskStore(Database, TaskStoreOptions.From(Config, RunnerId), Time, Log);

    /// <summary>The queue port over <c>config.dbPath</c>: one connection per unit of work; the first use migrates the file.</summary>
    public SqliteRuntimeStore Store => _store ??= new SqliteRuntimeStore(Config.DbPath, TaskStoreOptions.From(Config, RunnerId), Time, Log);

    /// <summary>The dispatch core's dependencies, built from this command's services.</summary>
    public DispatchServices Dispatch() => DispatchServices.Over(Store, Config, Adapters, RunLog, Log, Time, RunnerId);

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
        _database?.Dispose();
        _store?.Dispose();
        await Log.DisposeAsync().ConfigureAwait(false);
    }
}
