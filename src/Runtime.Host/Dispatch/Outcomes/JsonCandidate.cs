using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Outcomes;

/// <summary>Finds and parses the JSON a model returned (§5.10 steps 1–2), with <c>JSON.parse</c> semantics.</summary>
internal static partial class JsonCandidate
{
    /// <summary>
    /// The content of the first fenced block (three backticks, optional <c>json</c> in any case,
    /// shortest match), trimmed; otherwise the whole trimmed text. An empty fence falls back to the whole text.
    /// </summary>
    public static string Extract(string rawOutput)
    {
        var trimmed = JsText.Trim(rawOutput);
        var match = Fence().Match(trimmed);
        return match.Success && match.Groups[1].Length > 0 ? JsText.Trim(match.Groups[1].Value) : trimmed;
    }

    /// <summary>
    /// Parses <paramref name="text"/> like <c>JSON.parse</c>: false on any syntax error; duplicate
    /// keys keep the last value. <paramref name="value"/> is null for JSON <c>null</c>.
    /// </summary>
    public static bool TryParse(string text, out JsonNode? value)
    {
        value = null;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 512 });
            value = Convert(document.RootElement);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonNode? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    // JSON.parse keeps the last duplicate, at the position of the first.
                    obj[property.Name] = Convert(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                return new JsonArray([.. element.EnumerateArray().Select(Convert)]);
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    [GeneratedRegex("```(?:json)?" + JsText.S + "*([\\s\\S]*?)" + JsText.S + "*```", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Fence();
}
