using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>A field of a <see cref="HostileSeed"/> by path (<c>task.kind</c>, <c>workflows[0].state</c>) and the values it must refuse.</summary>
internal sealed record FieldSpec(string Path, IReadOnlyList<JsonNode?> Wrong)
{
    public static FieldSpec Of(string path, params JsonNode?[] wrong) => new(path, wrong);

    /// <summary>Sets <see cref="Path"/> in <paramref name="root"/> to <paramref name="value"/>.</summary>
    public void Set(JsonObject root, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(root);
        JsonNode current = root;
        var parts = Path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = Split(parts[i]);
            var last = i == parts.Length - 1;
            if (index is { } at)
            {
                var array = (JsonArray)current[name]!;
                if (last)
                {
                    array[at] = value;
                    return;
                }

                current = array[at]!;
            }
            else if (last)
            {
                ((JsonObject)current)[name] = value;
            }
            else
            {
                current = current[name]!;
            }
        }
    }

    private static (string Name, int? Index) Split(string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? (part, null) : (part[..bracket], int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
