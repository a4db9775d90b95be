using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Common shape of the three agent-CLI drivers: healthcheck and probe per spec §6.8/§5.6;
/// each driver supplies its execution.
/// </summary>
internal abstract class AgentCliAdapter(string driver, AdapterContext context) : IAdapter
{
    protected string Driver { get; } = driver;

    protected AdapterContext Context { get; } = context;

    protected AdapterSettings Settings { get; } = new(context.Settings);

    public Task<HealthReport> HealthcheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(AgentCliHealth.Check(Driver, Settings));

    public virtual Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(AgentCliHealth.Probe(Settings));

    public abstract Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
