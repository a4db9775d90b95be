using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;

namespace AgentRuntime.Host.Operations;

/// <summary>What <c>adapters</c> found (spec §1.2): every adapter, whether the default one is healthy, and the fallback walk when probed.</summary>
internal sealed record AdapterReport(string DefaultAdapter, IReadOnlyList<AdapterStatus> Adapters, AdapterSelection? Probe = null)
{
    public bool DefaultOk => Adapters.Any(a => a.IsDefault && a.Ok);

    public JsonObject ToJson()
    {
        var result = new JsonObject
        {
            ["defaultAdapter"] = DefaultAdapter,
            ["defaultOk"] = DefaultOk,
            ["adapters"] = new JsonArray([.. Adapters.Select(a => (JsonNode?)a.ToJson())]),
        };
        if (Probe is { } selection)
        {
            result["probe"] = new JsonObject
            {
                ["requested_adapter"] = selection.RequestedAdapter,
                ["selected_adapter"] = selection.SelectedAdapter,
                ["chain"] = selection.Chain.DeepClone(),
            };
        }

        return result;
    }
}
