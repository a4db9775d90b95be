using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Logging;
using AgentRuntime.Host.Plugins;
using AgentRuntime.Host.Schedules;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;
using Serilog.Core;

namespace AgentRuntime.Host.Composition;

/// <summary>
/// The composition root: builds the runtime core for one surface (a CLI command today, <c>web</c>
/// and <c>serve</c> later) with plain constructors. Nothing costly happens until it is needed: the
/// plugin catalog, the adapter registry and the database (opened and migrated) are made on first
/// use, so a command that never runs an adapter never loads a plugin. Disposing closes what was
/// opened. A container was not used: a one-shot command pays for every service it registers.
/// </summary>
internal sealed partial class RuntimeCore : IAsyncDisposable
{
    private PluginCatalog? _plugins;
    private AdapterRegistry? _adapters;
    private RuntimeDatabase? _database;
    private TaskStore? _tasks;
    private SqliteRuntimeStore? _store;

    private RuntimeCore(RuntimeConfig config, Logger log, TimeProvider time, string workingDirectory)
    {
        WorkingDirectory = workingDirectory;
        Config = config;
        Log = log;
        Time = time;
        RunLog = new RunLog(log, time);
        RunnerId = Storage.RunnerId.Create(time);
    }

    /// <summary>The surface's working directory: relative paths given to it resolve here, and it is the attempts' default workspace.</summary>
    public string WorkingDirectory { get; }

    public RuntimeConfig Config { get; }

    public Logger Log { get; }

    public TimeProvider Time { get; }

    public RunLog RunLog { get; }

    /// <summary>This process's runner id (spec §0.2), fixed at start.</summary>
    public string RunnerId { get; }

    public PluginCatalog Plugins => _plugins ??= PluginCatalog.Load(Config.Plugins, Log);

    public AdapterRegistry Adapters => _adapters ??= new AdapterRegistry(Config, Plugins);

    /// <summary>
    /// A connection to the runtime database at <c>config.dbPath</c>, held for the command. Taken
    /// through <see cref="Store"/>, so the file is opened and migrated once per process whichever
    /// is used first.
    /// </summary>
    public RuntimeDatabase Database => _database ??= Store.OpenConnection();

    public TaskStore Tasks => _tasks ??= new TaskStore(Database, TaskStoreOptions.From(Config, RunnerId), Time, Log);

    /// <summary>The queue port over <c>config.dbPath</c>: one connection per unit of work; the first use migrates the file.</summary>
    public SqliteRuntimeStore Store => _store ??= new SqliteRuntimeStore(Config.DbPath, TaskStoreOptions.From(Config, RunnerId), Time, Log);

    /// <summary>The dispatch core's dependencies, built from this command's services.</summary>
    public DispatchServices Dispatch() => new()
    {
        Config = Config,
        Queue = Store,
        Attempts = Store,
        Events = Store,
        Queries = Store,
        Adapters = new Lazy<AdapterRegistry>(LoadAdapters),
        RunLog = RunLog,
        Log = Log,
        Time = Time,
        RunnerId = RunnerId,
        WorkingDirectory = WorkingDirectory,
    };

    private AdapterRegistry LoadAdapters() => Adapters;

    /// <summary>Loads the config at <paramref name="configPath"/> (relative to <paramref name="workingDirectory"/>, default the current one); a config that cannot be used throws <see cref="ConfigException"/>.</summary>
    public static RuntimeCore Open(string configPath, CoreOptions options, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = workingDirectory ?? Directory.GetCurrentDirectory();
        var config = ConfigLoader.Load(configPath, directory);
        return new RuntimeCore(config, HostLogging.Create(config.LogDir, options.LogConsole), options.Time, directory);
    }

    /// <summary>One dispatch cycle with the reference pre-claim phases (schedules, then workflows).</summary>
    public DispatchCycle CreateDispatchCycle()
    {
        var cycle = new DispatchCycle(Dispatch());
        CyclePhases.AddTo(
            cycle,
            () => Store.Read(session => new ScheduleEvaluator(session, Time, Log).Evaluate()),
            () => Store.Read(session => new WorkflowEngine(new WorkflowStore(session, Time), Time).EvaluateAll()),
            RunLog);
        return cycle;
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
        try
        {
            await Log.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The run log's last lines did not fit (a full disk): the command's work is done and
            // printed, so it must not turn into a failure now.
        }
    }
}
