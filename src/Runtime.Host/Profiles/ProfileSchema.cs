using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;

namespace AgentRuntime.Host.Profiles;

/// <summary>
/// Type checks of a profile document beyond the reference's issues (spec §7.9): a field of the wrong
/// type was read as absent (a string <c>skills</c>, a number in <c>system_prompt_parts</c>) and
/// <c>healthcheck</c> passed on a profile the dispatcher then misread.
/// </summary>
internal static class ProfileSchema
{
    private static readonly string[] StringFields = ["profile_id", "style", "role", "default_adapter"];

    private static readonly string[] StringArrayFields = ["system_prompt_parts", "skills"];

    public static IEnumerable<string> TypeIssues(JsonObject document, string name)
    {
        foreach (var field in StringFields)
        {
            if (document[field] is { } node && node.GetValueKind() != JsonValueKind.String)
            {
                yield return $"profile {name}: {field} expected a string, got {node.Describe()}";
            }
        }

        foreach (var field in StringArrayFields)
        {
            switch (document[field])
            {
                case null:
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i]?.GetValueKind() != JsonValueKind.String)
                        {
                            yield return $"profile {name}: {field}[{i}] expected a string, got {array[i].Describe()}";
                        }
                    }

                    break;
                case var other:
                    yield return $"profile {name}: {field} expected an array of strings, got {other.Describe()}";
                    break;
            }
        }

        switch (document["context_policy"])
        {
            case null:
                break;
            case JsonObject policy when policy["max_prompt_chars"] is { } max:
                if (max is not JsonValue value || value.GetValueKind() != JsonValueKind.Number
                    || !value.TryGetValue<double>(out var chars) || chars < 1 || chars > int.MaxValue || chars != Math.Floor(chars))
                {
                    yield return $"profile {name}: context_policy.max_prompt_chars expected an integer from 1 to 2147483647, got {max.ToJsonString()}";
                }

                break;
            case JsonObject:
                break;
            case var other:
                yield return $"profile {name}: context_policy expected an object, got {other.Describe()}";
                break;
        }
    }
}
