using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Intake;

/// <summary>
/// Turns operator-supplied TaskInput JSON into a <see cref="TaskInput"/>, rejecting wrong types
/// with a message that names the field (stricter than the reference, which let a missing
/// <c>kind</c> surface as a database error). Unknown fields are ignored, as bridges and backlog
/// files may carry extra keys. Value checks shared by every intake path (dates, delay, limits,
/// payload size) happen in <see cref="TaskInputValidator"/>.
/// </summary>
internal static class TaskInputParser
{
    /// <param name="node">The parsed JSON.</param>
    /// <param name="configuredProfiles">When given, <c>requested_profile</c> must be one of these.</param>
    /// <exception cref="TaskInputException">The input has a missing or mistyped field.</exception>
    public static TaskInput Parse(JsonNode? node, IReadOnlyCollection<string>? configuredProfiles = null)
    {
        if (node is not JsonObject input)
        {
            throw new TaskInputException("task", $"expected a JSON object, got {node.Describe()}");
        }

        // Fields are checked in the order of the spec's TaskInput table, so the first problem reported is stable.
        return new TaskInput
        {
            Kind = RequiredString(input, "kind"),
            Source = RequiredString(input, "source"),
            Subject = OptionalString(input, "subject", allowEmpty: true),
            Description = OptionalString(input, "description", allowEmpty: true),
            Priority = OptionalInteger(input, "priority", "an integer", minimum: int.MinValue),
            Payload = Payload(input),
            RequestedProfile = Profile(input, configuredProfiles),
            RequestedAdapter = OptionalString(input, "requested_adapter", allowEmpty: true),
            MaxAttempts = OptionalInteger(input, "max_attempts", "a positive integer", minimum: 1),
            AvailableAt = OptionalString(input, "available_at", allowEmpty: true),
            DelayMinutes = DelayMinutes(input),
        };
    }

    private static string? Profile(JsonObject input, IReadOnlyCollection<string>? configuredProfiles)
    {
        var profile = OptionalString(input, "requested_profile", allowEmpty: false);
        if (profile is not null && configuredProfiles is not null && !configuredProfiles.Contains(profile))
        {
            throw new TaskInputException("requested_profile", UnknownProfile(profile, configuredProfiles));
        }

        return profile;
    }

    /// <summary>The problem with a profile name that is not configured, as every path that creates a task words it.</summary>
    public static string UnknownProfile(string profile, IReadOnlyCollection<string> configuredProfiles)
    {
        ArgumentNullException.ThrowIfNull(configuredProfiles);
        return $"unknown profile \"{profile}\"; configured profiles: {string.Join(", ", configuredProfiles)}";
    }

    private static string RequiredString(JsonObject input, string field)
    {
        var node = input[field];
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0)
        {
            return value.GetValue<string>();
        }

        var got = input.ContainsKey(field) ? node.Describe() : "nothing";
        throw new TaskInputException(field, $"expected a non-empty string, got {(node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? "an empty string" : got)}");
    }

    private static string? OptionalString(JsonObject input, string field, bool allowEmpty)
    {
        var node = input[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw new TaskInputException(field, $"expected a string, got {node.Describe()}");
        }

        var text = node.GetValue<string>();
        if (!allowEmpty && text.Length == 0)
        {
            throw new TaskInputException(field, "expected a non-empty string, got an empty string");
        }

        return text;
    }

    private static int? OptionalInteger(JsonObject input, string field, string expected, int minimum)
    {
        var node = input[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number)
        {
            throw new TaskInputException(field, $"expected {expected}, got {node.Describe()}");
        }

        var number = node.GetValue<double>();
        if (number != Math.Floor(number) || number < minimum || number > int.MaxValue)
        {
            throw new TaskInputException(field, $"expected {expected}, got {JsJson.FormatNumber(number)}");
        }

        return (int)number;
    }

    private static JsonObject Payload(JsonObject input)
    {
        return input["payload"] switch
        {
            JsonObject payload => payload,
            var other => throw new TaskInputException("payload", $"expected a JSON object, got {(input.ContainsKey("payload") ? other.Describe() : "nothing")}"),
        };
    }

    private static double? DelayMinutes(JsonObject input)
    {
        var schedule = input["schedule"];
        if (schedule is null)
        {
            return null;
        }

        if (schedule is not JsonObject scheduleObject)
        {
            throw new TaskInputException("schedule", $"expected a JSON object, got {schedule.Describe()}");
        }

        var delay = scheduleObject["delay_minutes"];
        if (delay is null)
        {
            return null;
        }

        if (delay.GetValueKind() != JsonValueKind.Number)
        {
            throw new TaskInputException(
                "schedule.delay_minutes",
                string.Format(CultureInfo.InvariantCulture, "{0}, got {1}", TaskInputValidator.DelayMinutesMessage, delay.Describe()));
        }

        return delay.GetValue<double>();
    }
}
