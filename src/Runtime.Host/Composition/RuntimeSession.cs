using AgentRuntime.Host.Operations;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Composition;

/// <summary>
/// The services that work on a task store's connection, over a connection of their own. A surface
/// that serves requests at once (the web server) takes one per request through
/// <see cref="RuntimeCore.InSession{T}"/>, since the core's shared <see cref="RuntimeCore.Tasks"/>
/// connection is for one caller at a time.
/// </summary>
internal sealed class RuntimeSession(RuntimeCore core, TaskStore tasks)
{
    public WorkflowService Workflows => new(new WorkflowStore(tasks, core.Time), core.Time, core.Config.ProfileIds);

    public ScheduleService Schedules => new(core.Config, tasks, core.Time, core.Log);

    public SensorService Sensors => new(core.Config, tasks, core.Time);

    public SnapshotService Snapshots => new(core.Config.RuntimeName, core.Config.ArtifactDir, tasks, core.Time, core.Config);
}
