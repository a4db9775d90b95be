using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Common shape of the three agent-CLI drivers (spec §6.2): healthcheck and probe per §6.8/§5.6,
/// one execution pipeline; each driver supplies its argument vector and last-message rule.
/// </summary>
internal abstract partial class AgentCliAdapter(string driver, AdapterContext context) : IAdapter
{
    /// <summary>Applies only under a host older than SDK 1.1, which passes no <see cref="ExecutionRequest.Timeout"/>.</summary>
    private static readonly TimeSpan FallbackTimeout = TimeSpan.FromMinutes(30);

    protected string Driver { get; } = driver;

    protected AdapterContext Context { get; } = context;

    protected AdapterSettings Settings { get; } = new(context.Settings);

    /// <summary>The runner; tests of a driver never replace it (they run real processes).</summary>
    protected ProcessRunner Runner { get; } = ProcessRunner.System;

    protected CredentialResolver Credentials { get; } = CredentialResolver.FromEnvironment(ProcessRunner.System);

    public Task<HealthReport> HealthcheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(AgentCliHealth.Check(Driver, Settings));

    public virtual Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken) =>
        AgentCliHealth.ProbeAsync(Settings, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The driver's argument vector (spec §6.3–6.5) and stdin text.</summary>
    protected abstract CliInvocation BuildInvocation(CliRunContext run);

    /// <summary>The driver's final message, from what the process wrote (called before the temp dir is deleted).</summary>
    protected abstract string ExtractLastMessage(ProcessOutcome outcome, CliRunContext run);

    /// <summary>Lets a driver reclassify a clean exit whose output reports a failure (Claude Code does).</summary>
    protected virtual ExecutionResult ClassifyExit(ExecutionResult result, ProcessOutcome outcome) => result;
}
