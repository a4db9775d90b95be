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
        ArgumentNullException.ThrowIfNull(document);
        foreach (var field in StringFields)
        {
            if (JsonFieldCheck.Kind(document[field], JsonValueKind.String, "a string") is { } problem)
            {
                yield return $"profile {name}: {field} {problem}";
            }
        }

        foreach (var field in StringArrayFields)
        {
            if (JsonFieldCheck.Kind(document[field], JsonValueKind.Array, "an array of strings") is { } problem)
            {
                yield return $"profile {name}: {field} {problem}";
            }
            else if (document[field] is JsonArray array)
            {
                foreach (var (index, element) in JsonFieldCheck.NonStrings(array))
                {
                    yield return $"profile {name}: {field}[{index}] {element}";
                }
            }
        }

        if (JsonFieldCheck.Kind(document["context_policy"], JsonValueKind.Object, "an object") is { } policyProblem)
        {
            yield return $"profile {name}: context_policy {policyProblem}";
        }
        else if (document["context_policy"] is JsonObject policy && policy["max_prompt_chars"] is { } max
            && JsonFieldCheck.Range(max, 1, int.MaxValue, integer: true, "an integer from 1 to 2147483647") is { } maxProblem)
        {
            yield return $"profile {name}: context_policy.max_prompt_chars {maxProblem}";
        }
    }
}
