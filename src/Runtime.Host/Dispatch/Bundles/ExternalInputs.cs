using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Bundles;

/// <summary>Normalizes <c>payload.external_inputs</c> for the bundle (§5.7 step 5).</summary>
internal static class ExternalInputs
{
    public static JsonArray Normalize(JsonObject payload)
    {
        var result = new JsonArray();
        if (payload["external_inputs"] is not JsonArray items)
        {
            return result;
        }

        for (var index = 0; index < items.Count; index++)
        {
            result.Add((JsonNode)Entry(items[index], index));
        }

        return result;
    }

    /// <summary>True when any normalized entry is not <c>cached</c>.</summary>
    public static bool AnyUncached(JsonArray normalized) =>
        normalized.Any(entry => entry is JsonObject obj && PayloadReader.String(obj, "cache_status") != "cached");

    private static JsonObject Entry(JsonNode? item, int index)
    {
        var fallback = $"external_input_{index}";
        if (PayloadReader.String(item) is { } text)
        {
            return new JsonObject { ["index"] = index, ["source"] = text, ["cache_status"] = "uncached" };
        }

        if (item is not JsonObject source)
        {
            // null, numbers, booleans and arrays (typeof "object" but not an entry in practice).
            return new JsonObject { ["index"] = index, ["source"] = fallback, ["cache_status"] = "uncached" };
        }

        var cached = PayloadReader.NonBlank(source, "cache_path") is not null
            || PayloadReader.NonBlank(source, "cache_hash") is not null
            || PayloadReader.NonBlank(source, "cached_content") is not null;
        var entry = (JsonObject)source.DeepClone();
        entry["index"] = index;
        entry["source"] = PayloadReader.NonBlank(source, "source")
            ?? PayloadReader.NonBlank(source, "url")
            ?? PayloadReader.NonBlank(source, "name")
            ?? fallback;
        entry["cache_status"] = cached ? "cached" : "uncached";
        return entry;
    }
}
