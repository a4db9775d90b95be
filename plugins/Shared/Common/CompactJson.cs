using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentRuntime.Plugins.Shared;

/// <summary>JSON written like JavaScript's <c>JSON.stringify</c> (spec Appendix C): compact, no escaping of non-ASCII.</summary>
internal static class CompactJson
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string literal, e.g. for codex's TOML-compatible <c>-c key="value"</c> overrides.</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value, Options);

    public static JsonArray Array(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add(value);
        }

        return array;
    }
}
