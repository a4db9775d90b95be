using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Logging;
using AgentRuntime.Host.Plugins;
using AgentRuntime.Host.Storage;
using Serilog;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// What the dispatch cycle and the attempt pipeline depend on, given explicitly by whichever
/// surface hosts them (the CLI's <c>run-once</c> today). Every member is safe to share between
/// attempts running at once.
/// </summary>
internal sealed record DispatchServices
{
    public required RuntimeConfig Config { get; init; }

    public required ITaskQueue Queue { get; init; }

    public required IAttemptLog Attempts { get; init; }

    public required IEventLog Events { get; init; }

    public required IStatusQueries Queries { get; init; }

    /// <summary>
    /// The adapter registry, made on first use: building it loads the plugins, which a cycle that
    /// claims nothing must not pay for.
    /// </summary>
    public required Lazy<AdapterRegistry> Adapters { get; init; }

    /// <summary>Adapter probe results, shared by this dispatcher's attempts.</summary>
    public AdapterProbeCache ProbeCache { get; init; } = new();

    /// <summary>Per-adapter <c>maxConcurrent</c> limits for a dispatcher that runs attempts at once; null (one attempt at a time) waits for none.</summary>
    public AdapterSlots? AdapterSlots { get; init; }

    public required RunLog RunLog { get; init; }

    public required ILogger Log { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>This process's runner id (spec §0.2), recorded on the events the cycle writes.</summary>
    public required string RunnerId { get; init; }

    /// <summary>
    /// The runtime's working directory (the process's, for the CLI): the workspace of adapters that
    /// name none, and the root that outcome paths are checked against. An in-process surface passes its own.
    /// </summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;
}
