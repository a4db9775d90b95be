namespace AgentRuntime.Sdk;

/// <summary>
/// One configured adapter. Expected failures are returned as values (exit status and retry
/// class); exceptions are reserved for bugs and misconfiguration.
/// </summary>
/// <remarks>
/// An adapter must be re-entrant: the host creates one instance per configured adapter entry and
/// may call <see cref="ExecuteAsync"/>, <see cref="HealthcheckAsync"/> and <see cref="ProbeAsync"/>
/// on it from several attempts at once (a dispatcher running more than one attempt). Keep
/// per-attempt state in the call, not in fields; state shared between calls must be thread-safe.
/// The host disposes the adapter once, after every call on it has returned.
/// </remarks>
public interface IAdapter : IAsyncDisposable
{
    /// <summary>
    /// Checks whether the adapter can run (executable found, endpoint reachable, model listed).
    /// Must not throw for an unhealthy adapter: report it in the returned value.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The health report.</returns>
    Task<HealthReport> HealthcheckAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A cheap reachability probe used by dispatch to walk fallback chains. Must not throw for
    /// an unreachable adapter.
    /// </summary>
    /// <param name="cancellationToken">Cancels the probe; the host also bounds it with its own timeout.</param>
    /// <returns>The probe result.</returns>
    Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs one attempt of a task. A run that exceeds the adapter's own timeout returns
    /// <see cref="ExitStatus.Timeout"/>; it does not throw. <see cref="OperationCanceledException"/>
    /// escapes only when <paramref name="cancellationToken"/> was cancelled by the caller, after any
    /// child processes have been stopped.
    /// </summary>
    /// <param name="request">The immutable attempt request.</param>
    /// <param name="sink">Receives output as it is produced; the host owns it.</param>
    /// <param name="cancellationToken">The caller's cancellation (operator cancel, host shutdown).</param>
    /// <returns>The attempt result, including the evidence the host writes to the audit directory.</returns>
    Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken);
}
