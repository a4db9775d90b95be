using AgentRuntime.Host.Health;
using AgentRuntime.Host.Operations;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Composition;

/// <summary>
/// The operator services, each built on demand from the parts it needs, so a command pays only
/// for what its service touches (status never loads a plugin; adapters never opens the database).
/// </summary>
internal sealed partial class RuntimeCore
{
    public StatusService Status => new(Store);

    public IntakeService Intake => new(Config, Store, Store.Options, Time);

    /// <summary>Stored rows are checked only in a database that exists: healthcheck never creates one.</summary>
    public HealthService Health => new(Config, Adapters, File.Exists(Config.DbPath) ? StoredDataIssues : null);

    private IReadOnlyList<string> StoredDataIssues() =>
        Store.Read(tasks => StoredDataCheck.Issues(
            new WorkflowStore(tasks, Time).ListActive(),
            new ScheduleStore(tasks, Time).ListAll(),
            EvaluationLedger.Workflows.Failing(tasks),
            EvaluationLedger.Schedules.Failing(tasks),
            tasks.Options,
            Time.GetUtcNow()).Concat(StoredTaskCheck.Issues(tasks)).ToList());

    public AdapterService AdapterStatus => new(Config, Adapters, Time);

    public PluginService PluginStatus => new(Plugins);

    public PauseService Pause => new(Config.StateDir, Store, Time);

    public CancelService Cancel => new(Store, Store, Time);

    public DashboardService Dashboard => new(Config.RuntimeName, Store, Pause);

    public BrowseService Browse => new(Store);

    public OperatorTaskService OperatorTasks => new(Config, Intake);

    public AttemptService Attempts => new(Store, Config.ArtifactDir);

    public WorkflowService Workflows => new(new WorkflowStore(Tasks, Time), Time, Config.ProfileIds);

    public ScheduleService Schedules => new(Config, Tasks, Time, Log);

    public SensorService Sensors => new(Config, Tasks, Time);

    public SnapshotService Snapshots => new(Config.RuntimeName, Config.ArtifactDir, Tasks, Time, Config);

    public BridgeService Bridges => new(Store, Store.Options, Time, Config.ProfileIds);

    public BacklogService Backlog => new(Config, Tasks, Time, Log);

    /// <summary>Runs <paramref name="work"/> on a connection of its own (see <see cref="RuntimeSession"/>).</summary>
    public T InSession<T>(Func<RuntimeSession, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Store.Read(tasks => work(new RuntimeSession(this, tasks)));
    }
}
