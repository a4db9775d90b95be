using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Plugins;

namespace AgentRuntime.Host.Operations;

/// <summary>Every configured adapter with its health and the plugin that serves it, and the fallback walk from the default (spec §1.2 <c>adapters</c>).</summary>
internal sealed class AdapterService(RuntimeConfig config, AdapterRegistry adapters, TimeProvider time)
{
    /// <param name="probe">Also walk the fallback chain from the default adapter, with fresh probes.</param>
    /// <param name="cancellationToken">Cancels the healthchecks and probes.</param>
    public async Task<AdapterReport> ListAsync(bool probe, CancellationToken cancellationToken)
    {
        var statuses = new List<AdapterStatus>();
        foreach (var entry in config.Adapters)
        {
            var health = await adapters.HealthcheckAsync(entry, cancellationToken).ConfigureAwait(false);
            var binding = adapters.Bind(entry);
            statuses.Add(new AdapterStatus(
                entry.Id,
                entry.Mode,
                entry.Id == config.DefaultAdapter,
                health.Ok,
                entry.FallbackAdapter,
                health.Ok ? null : BrokenReason(health.Detail, entry.Settings),
                health.Detail,
                binding.Plugin));
        }

        AdapterSelection? selection = null;
        if (probe)
        {
            selection = await new AdapterSelector(adapters, time, new AdapterProbeCache()).SelectAsync(config.DefaultAdapter, cancellationToken).ConfigureAwait(false);
        }

        return new AdapterReport(config.DefaultAdapter, statuses, selection);
    }

    /// <summary>Spec §1.2: the detail's error; else "command not found" when the command did not resolve; else a generic reason.</summary>
    internal static string BrokenReason(JsonObject detail, JsonObject settings)
    {
        if (detail["error"] is JsonValue error && error.GetValueKind() == JsonValueKind.String)
        {
            return error.GetValue<string>();
        }

        if (detail.ContainsKey("command_path") && detail["command_path"] is null)
        {
            var command = detail["command"]?.GetValue<string>() ?? settings["command"]?.GetValue<string>();
            return $"command not found: {command}";
        }

        return "healthcheck failed";
    }
}
