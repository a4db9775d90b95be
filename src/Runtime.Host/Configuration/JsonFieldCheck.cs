using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Configuration;

/// <summary>
/// The field checks the config and profile files share. Each returns the problem
/// (<c>expected …, got …</c>) or null; a config throws the first one, naming its file and path,
/// while a profile's are listed by <c>healthcheck</c>.
/// </summary>
internal static class JsonFieldCheck
{
    /// <summary>The problem with a present <paramref name="value"/> that is not of <paramref name="kind"/>.</summary>
    public static string? Kind(JsonNode? value, JsonValueKind kind, string expected) =>
        value is null || value.GetValueKind() == kind ? null : $"expected {expected}, got {value.Describe()}";

    /// <summary>Each element of <paramref name="array"/> that is not a string, with its index.</summary>
    public static IEnumerable<(int Index, string Problem)> NonStrings(JsonArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i]?.GetValueKind() != JsonValueKind.String)
            {
                yield return (i, $"expected a string, got {array[i].Describe()}");
            }
        }
    }

    /// <summary>The problem with a <paramref name="value"/> that is not a number from <paramref name="minimum"/> to <paramref name="maximum"/> (and whole, when <paramref name="integer"/>).</summary>
    public static string? Range(JsonNode value, double minimum, double maximum, bool integer, string expected)
    {
        ArgumentNullException.ThrowIfNull(value);
        var ok = value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue<double>(out var n)
            && double.IsFinite(n) && n >= minimum && n <= maximum && (!integer || n == Math.Floor(n));
        return ok ? null : $"expected {expected}, got {value.ToJsonString()}";
    }
}
