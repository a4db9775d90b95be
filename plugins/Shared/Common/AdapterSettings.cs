using System.Text.Json;

namespace AgentRuntime.Plugins.Shared;

/// <summary>Typed reads of an adapter entry's JSON settings; absent or mistyped values read as null.</summary>
internal sealed class AdapterSettings(JsonElement settings)
{
    public JsonElement Raw { get; } = settings;

    public string? GetString(string name) =>
        Raw.ValueKind == JsonValueKind.Object && Raw.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public double? GetNumber(string name) =>
        Raw.ValueKind == JsonValueKind.Object && Raw.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    public bool? GetBool(string name) =>
        Raw.ValueKind == JsonValueKind.Object && Raw.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    public IReadOnlyList<string> GetStringArray(string name) =>
        Raw.ValueKind == JsonValueKind.Object && Raw.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];

    public IReadOnlyDictionary<string, string> GetStringMap(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Raw.ValueKind == JsonValueKind.Object && Raw.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    map[property.Name] = property.Value.GetString()!;
                }
            }
        }

        return map;
    }

    /// <summary>The adapter's timeout, <c>timeoutMs</c>, or the given default.</summary>
    public TimeSpan Timeout(TimeSpan fallback) =>
        GetNumber("timeoutMs") is { } ms && ms > 0 ? TimeSpan.FromMilliseconds(ms) : fallback;

    /// <summary>
    /// Spec §7.9: a <c>timeoutMs</c> under one second is a config problem. As in the reference, an
    /// absent one is not "too low": the host's default adapter timeout applies.
    /// </summary>
    public bool TimeoutTooLow => GetNumber("timeoutMs") is { } ms && ms < 1000;
}
