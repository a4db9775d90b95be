using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Workflows;

/// <summary>The JavaScript value rules the templates are written in: <c>??</c>, <c>||</c> and <c>String(x)</c> over JSON nodes.</summary>
internal static class JsValues
{
    /// <summary><c>a ?? b</c>: the context value unless it is absent or JSON null (a copy, safe to attach elsewhere).</summary>
    public static JsonNode? Coalesce(JsonObject context, string key, JsonNode? fallback) =>
        context[key] is { } value && value.GetValueKind() != JsonValueKind.Null ? value.DeepClone() : fallback;

    /// <summary><c>a || b</c> inside a string: the context value as text unless it is falsy.</summary>
    public static string OrText(JsonObject context, string key, string fallback) =>
        Truthy(context[key]) ? Text(context[key]) : fallback;

    public static bool Truthy(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => false,
        JsonValueKind.String => node.GetValue<string>().Length > 0,
        JsonValueKind.Number => node.GetValue<double>() is var d && d != 0 && !double.IsNaN(d),
        _ => true,
    };

    /// <summary><c>String(x)</c> for the values a context holds (objects print as JSON rather than <c>[object Object]</c>).</summary>
    public static string Text(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => JsJson.FormatNumber(node.GetValue<double>()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => JsJson.Serialize(node),
    };

    /// <summary>The value when it is a string, else null.</summary>
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The value when it is a positive number, else null.</summary>
    public static double? PositiveNumber(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.GetValue<double>() is > 0 and var d ? d : null;

    public static JsonArray Strings(params string[] values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
