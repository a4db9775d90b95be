using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Dispatch.Text;

/// <summary>Typed reads of loosely-typed JSON (task payloads, model output) with the reference runtime's <c>typeof</c> checks.</summary>
internal static class PayloadReader
{
    /// <summary>The value when it is a JSON string, else null (<c>typeof v === "string"</c>).</summary>
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string? String(JsonObject obj, string name) => obj.TryGetPropertyValue(name, out var node) ? String(node) : null;

    /// <summary>The value (untrimmed) when it is a non-blank string, else null.</summary>
    public static string? NonBlank(JsonObject obj, string name) => String(obj, name) is { } s && JsText.IsNonBlank(s) ? s : null;

    /// <summary>The value when it is a JSON number, else null.</summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    public static double? Number(JsonObject obj, string name) => obj.TryGetPropertyValue(name, out var node) ? Number(node) : null;

    /// <summary>The string elements of an array property (all of them, blank or not); empty when not an array.</summary>
    public static IReadOnlyList<string> Strings(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) && node is JsonArray array
            ? array.Select(String).OfType<string>().ToList()
            : [];

    /// <summary>The non-blank string elements of an array property.</summary>
    public static IReadOnlyList<string> NonBlankStrings(JsonObject obj, string name) =>
        Strings(obj, name).Where(JsText.IsNonBlank).ToList();

    /// <summary>A plain object: non-null and not an array.</summary>
    public static bool IsPlainObject(JsonNode? node) => node is JsonObject;
}
