using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Plugins;

/// <summary>
/// An adapter whose every call goes through <see cref="PluginGuard"/>. <paramref name="pluginGrace"/>
/// (default <see cref="AttemptTimeout.PluginGrace"/>) is how long past the attempt's time limit the
/// guard still waits for the plugin's own answer.
/// </summary>
internal sealed class GuardedAdapter(string adapterId, string pluginName, IAdapter inner, TimeSpan? pluginGrace = null) : IAsyncDisposable
{
    private readonly TimeSpan _pluginGrace = pluginGrace ?? AttemptTimeout.PluginGrace;

    public static readonly TimeSpan HealthcheckTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2.5);

    public string AdapterId { get; } = adapterId;

    public string PluginName { get; } = pluginName;

    public Task<HealthReport> HealthcheckAsync(CancellationToken cancellationToken) =>
        PluginGuard.RunAsync(
            inner.HealthcheckAsync,
            ex => new HealthReport { Ok = false, Detail = new JsonObject { ["error"] = $"plugin {PluginName} healthcheck failed: {PluginGuard.Describe(ex)}" } },
            HealthcheckTimeout,
            cancellationToken);

    public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken) =>
        PluginGuard.RunAsync(
            inner.ProbeAsync,
            ex => new ProbeResult { Ok = false, Reason = $"plugin {PluginName} probe failed: {PluginGuard.Describe(ex)}" },
            ProbeTimeout,
            cancellationToken);

    /// <summary>
    /// Runs an attempt. An exception from the plugin becomes an error result with note
    /// <c>adapter_exception</c>, so the attempt is always finalized (reference defect B19):
    /// permanent for an <see cref="AdapterConfigurationException"/> (a misconfigured adapter or an
    /// unresolvable credential does not fix itself), retryable for anything else. The plugin stops
    /// at <see cref="ExecutionRequest.Timeout"/>; the guard waits <see cref="AttemptTimeout.PluginGrace"/>
    /// (see the constructor) longer before it gives up on a plugin that ignores it.
    /// </summary>
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken) =>
        PluginGuard.RunAsync(
            ct => inner.ExecuteAsync(request, sink, ct),
            ex => new ExecutionResult
            {
                RawOutput = $"adapter {AdapterId} (plugin {PluginName}) failed: {PluginGuard.Describe(ex)}",
                ExitStatus = ex is TimeoutException ? ExitStatus.Timeout : ExitStatus.Error,
                RetryClass = ex is AdapterConfigurationException ? RetryClass.Permanent : RetryClass.Retryable,
                Note = "adapter_exception",
                Stderr = ex.ToString(),
                Diagnostics = new JsonObject { ["reason"] = "adapter_exception", ["error"] = PluginGuard.Describe(ex) },
            },
            request.Timeout + _pluginGrace,
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A plugin that fails to dispose has nothing left to report; the host carries on.
        }
    }
}
