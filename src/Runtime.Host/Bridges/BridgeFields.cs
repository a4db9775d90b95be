using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;

namespace AgentRuntime.Host.Bridges;

/// <summary>
/// Field reads for bridge events. The reference copied whatever was there (a missing field simply
/// vanished from the payload); here a required field must be present with the expected type.
/// </summary>
internal static class BridgeFields
{
    public static JsonObject Event(JsonNode? node) =>
        node as JsonObject ?? throw new BridgeInputException($"event: expected a JSON object, got {node.Describe()}");

    public static JsonNode Required(JsonObject input, string field, JsonValueKind kind)
    {
        var node = input[field];
        if (node is not null && node.GetValueKind() == kind && (kind != JsonValueKind.String || node.GetValue<string>().Length > 0))
        {
            return node.DeepClone();
        }

        var expected = kind == JsonValueKind.String ? "a non-empty string" : "a number";
        throw new BridgeInputException($"{field}: expected {expected}, got {(input.ContainsKey(field) ? node.Describe() : "nothing")}");
    }

    /// <summary><c>input[field] ?? fallback</c>.</summary>
    public static JsonNode Optional(JsonObject input, string field, JsonNode fallback) =>
        input[field] is { } node && node.GetValueKind() != JsonValueKind.Null ? node.DeepClone() : fallback;
}
