using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Intake;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Queues a bounded operator task from the UI's reply bar or a sibling agent (spec §2.7): the
/// request becomes a TaskInput of kind <c>operator</c>, source <c>operator-ui</c>, and goes through
/// the same validation and enqueue as CLI intake.
/// </summary>
internal sealed partial class OperatorTaskService(RuntimeConfig config, IntakeService intake)
{
    public const string Kind = "operator";

    public const string Source = "operator-ui";

    private const int SubjectLength = 120;

    // A double, as a parsed JSON number reads: the intake parser reads numbers as doubles.
    private const double DefaultPriority = 5;

    /// <exception cref="TaskInputException"><c>message is required</c>, or a field the intake validation rejects.</exception>
    public async Task<OperatorTaskResult> QueueAsync(JsonObject request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckTypes(request);
        var message = String(request, "message")?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            throw new TaskInputException("message is required");
        }

        var payload = new JsonObject { ["message"] = message };
        if (SkillRefs(request, message) is { Count: > 0 } skills)
        {
            payload["skill_refs"] = new JsonArray([.. skills.Select(s => (JsonNode?)s)]);
        }

        if (request["parent_id"] is { } parent)
        {
            payload["parent_id"] = parent.DeepClone();
        }

        if (String(request, "kind") is { } kindOverride)
        {
            payload["kind_override"] = kindOverride;
        }

        var input = new JsonObject
        {
            ["kind"] = Kind,
            ["source"] = Source,
            ["subject"] = NonBlank(request, "subject") ?? (message.Length > SubjectLength ? message[..SubjectLength] : message),
            ["description"] = NonBlank(request, "description") ?? $"Operator UI: {message}",
            ["priority"] = Number(request, "priority") ?? JsonValue.Create(DefaultPriority),
            ["payload"] = payload,
            ["requested_profile"] = request["requested_profile"]?.DeepClone() ?? config.DefaultProfile,

            // As the reference: the config's default adapter, not the profile's (CLI intake lets the profile decide).
            ["requested_adapter"] = request["requested_adapter"]?.DeepClone() ?? config.DefaultAdapter,
            ["max_attempts"] = Number(request, "max_attempts") ?? JsonValue.Create((double)config.MaxAttempts),
        };
        var queued = await intake.EnqueueAsync(input, cancellationToken).ConfigureAwait(false);
        return new OperatorTaskResult(queued.TaskId);
    }

    /// <summary>The explicit non-blank <c>skill_refs</c> first, then each <c>/skill</c> token of the message, trimmed, without repeats.</summary>
    private static List<string> SkillRefs(JsonObject request, string message)
    {
        var explicitRefs = request["skill_refs"] is JsonArray array
            ? array.Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>())
            : [];
        var mentioned = SkillToken().Matches(message).Select(m => m.Groups[1].Value);
        return [.. explicitRefs.Concat(mentioned).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    private static string? String(JsonObject request, string key) =>
        request[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string? NonBlank(JsonObject request, string key) => String(request, key)?.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>
    /// The optional fields have the types the spec gives them (null counts as absent). The reference
    /// dropped a field of another type silently (a priority of <c>[]</c> queued at priority 5).
    /// </summary>
    private static void CheckTypes(JsonObject request)
    {
        foreach (var key in (string[])["subject", "description", "kind", "parent_id"])
        {
            if (request[key] is { } node && node.GetValueKind() != JsonValueKind.String)
            {
                throw new TaskInputException(key, $"expected a string, got {node.Describe()}");
            }
        }

        foreach (var key in (string[])["priority", "max_attempts"])
        {
            if (request[key] is { } node && node.GetValueKind() != JsonValueKind.Number)
            {
                throw new TaskInputException(key, $"expected {(key == "priority" ? "an integer" : "a positive integer")}, got {node.Describe()}");
            }
        }

        if (request["skill_refs"] is { } refs
            && (refs is not JsonArray array || array.Any(item => item?.GetValueKind() != JsonValueKind.String)))
        {
            throw new TaskInputException("skill_refs", $"expected an array of strings, got {refs.Describe()}");
        }
    }

    private static JsonNode? Number(JsonObject request, string key) =>
        request[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.DeepClone() : null;

    // JavaScript's \w is ASCII only.
    [GeneratedRegex(@"(?:^|\s)/([A-Za-z][A-Za-z0-9_-]*)")]
    private static partial Regex SkillToken();
}
