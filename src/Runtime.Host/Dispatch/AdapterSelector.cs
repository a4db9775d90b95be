using System.Text.Json.Nodes;
using AgentRuntime.Host.Plugins;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// Picks the adapter to run by probing the requested one and walking <c>fallback_adapter</c> links
/// (spec §5.6), with two reference defects fixed: at most 3 fallbacks and never an adapter that was
/// not probed (B9), and a cycle (x → y → x) stops at the first repeat instead of being walked
/// silently back to the start, so the fallback is recorded.
/// </summary>
internal sealed class AdapterSelector(AdapterRegistry registry, TimeProvider time, AdapterProbeCache cache)
{
    public const int MaxFallbacks = 3;

    public async Task<AdapterSelection> SelectAsync(string requestedId, CancellationToken cancellationToken)
    {
        var chain = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = requestedId;
        for (var hop = 0; ; hop++)
        {
            seen.Add(current);
            var probe = await ProbeAsync(current, cancellationToken).ConfigureAwait(false);
            chain.Add(probe.DeepClone());
            if (probe["ok"]!.GetValue<bool>() || hop == MaxFallbacks)
            {
                break;
            }

            var next = registry.Config.FindAdapter(current)?.FallbackAdapter;
            if (string.IsNullOrEmpty(next) || next == current || registry.Config.FindAdapter(next) is null || seen.Contains(next))
            {
                break;
            }

            current = next;
        }

        return new AdapterSelection(requestedId, current, chain);
    }

    /// <summary>One probe entry <c>{ adapterId, ok, reason? }</c>, cached per adapter id for 30 s in the selector's probe cache.</summary>
    public async Task<JsonObject> ProbeAsync(string adapterId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (cache.Get(adapterId, now) is { } cached)
        {
            return cached;
        }

        var entry = new JsonObject { ["adapterId"] = adapterId };
        var adapterEntry = registry.Config.FindAdapter(adapterId);
        if (adapterEntry is null)
        {
            entry["ok"] = false;
            entry["reason"] = $"adapter not found: {adapterId}";
        }
        else
        {
            var binding = registry.Bind(adapterEntry);
            var (adapter, problem) = registry.GetAdapter(binding);
            if (adapter is null)
            {
                entry["ok"] = false;
                entry["reason"] = binding.State == BindingState.UnsupportedMode ? "unknown adapter mode" : problem;
            }
            else
            {
                var result = await adapter.ProbeAsync(cancellationToken).ConfigureAwait(false);
                entry["ok"] = result.Ok;
                if (!result.Ok)
                {
                    entry["reason"] = result.Reason ?? "probe failed";
                }
            }
        }

        cache.Set(adapterId, now, entry);
        return entry;
    }
}
