using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Schedules;

/// <summary>
/// Validates a RecurringScheduleInput (spec §7.1). The name and interval messages are the
/// reference's; the embedded task is checked as <c>intake</c> checks a task (plus its dates and
/// delay, which the reference only discovered at every evaluation), with the field named
/// <c>task.&lt;field&gt;</c>.
/// </summary>
internal static class ScheduleInputParser
{
    public const string NameRequired = "schedule name is required";

    public const string IntervalInvalid = "schedule interval_seconds must be a positive integer";

    /// <exception cref="ScheduleInputException">The input is invalid; nothing should be written.</exception>
    /// <param name="node">The schedule as given.</param>
    /// <param name="configuredProfiles">When given, the task's <c>requested_profile</c> must be one of these.</param>
    /// <param name="defaults">When given, the task is also checked as intake checks it (size, dates), as of <paramref name="now"/>.</param>
    /// <param name="now">The instant the task's dates are checked against.</param>
    public static ScheduleInput Parse(JsonNode? node, IReadOnlyCollection<string>? configuredProfiles = null, TaskStoreOptions? defaults = null, DateTimeOffset now = default)
    {
        if (node is not JsonObject input)
        {
            throw new ScheduleInputException($"schedule: expected a JSON object, got {node.Describe()}");
        }

        var name = input["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ScheduleInputException(NameRequired);
        }

        return new ScheduleInput
        {
            ScheduleId = OptionalString(input, "schedule_id"),
            Name = name,
            IntervalSeconds = Interval(input["interval_seconds"]),
            Task = Task(input["task"], configuredProfiles, defaults, now),
            NextRunAt = NextRunAt(input),
            Enabled = Enabled(input["enabled"]),
        };
    }

    private static long Interval(JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            var number = value.GetValue<double>();
            if (number > 0 && number == Math.Floor(number) && number <= int.MaxValue)
            {
                return (long)number;
            }
        }

        throw new ScheduleInputException(IntervalInvalid);
    }

    /// <summary>Absent means enabled; anything but a boolean (<c>"false"</c> was stored as enabled) is refused.</summary>
    private static bool Enabled(JsonNode? node) => node?.GetValueKind() switch
    {
        null => true,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new ScheduleInputException($"enabled: expected true or false, got {node.Describe()}"),
    };

    private static JsonObject Task(JsonNode? node, IReadOnlyCollection<string>? configuredProfiles, TaskStoreOptions? defaults, DateTimeOffset now)
    {
        if (node is not JsonObject task)
        {
            throw new ScheduleInputException($"task: expected a JSON object, got {(node is null ? "nothing" : node.Describe())}");
        }

        // An empty or absent source is allowed: evaluation then uses "schedule:<name>".
        var probe = (JsonObject)task.DeepClone();
        if (probe["source"] is null || (probe["source"] is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>().Length == 0))
        {
            probe["source"] = "schedule";
        }

        try
        {
            var parsed = TaskInputParser.Parse(probe, configuredProfiles);
            if (!string.IsNullOrEmpty(parsed.AvailableAt) && IsoTime.Normalize(parsed.AvailableAt) is null)
            {
                throw new TaskInputException("available_at", TaskInputValidator.AvailableAtMessage(parsed.AvailableAt));
            }

            if (parsed.DelayMinutes is { } delay && (!double.IsFinite(delay) || delay < 0))
            {
                throw new TaskInputException("schedule.delay_minutes", $"{TaskInputValidator.DelayMinutesMessage}, got {JsJson.FormatNumber(delay)}");
            }

            // The checks the queue makes when the task is created (payload size, dates within
            // range), made now: a schedule whose task can never be queued fails every evaluation.
            if (defaults is not null)
            {
                TaskInputValidator.Validate(parsed, defaults, now);
            }
        }
        catch (TaskInputException ex)
        {
            throw new ScheduleInputException($"task.{ex.Message}", ex);
        }

        return (JsonObject)task.DeepClone();
    }

    private static string? NextRunAt(JsonObject input)
    {
        var node = input["next_run_at"];
        if (node is null)
        {
            return null;
        }

        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        return IsoTime.Normalize(text)
            ?? throw new ScheduleInputException($"next_run_at: expected a date such as 2026-04-29T10:00:00.000Z, got {JsJson.Serialize(node)}");
    }

    private static string? OptionalString(JsonObject input, string field)
    {
        var node = input[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String || node.GetValue<string>().Length == 0)
        {
            throw new ScheduleInputException($"{field}: expected a non-empty string, got {node.Describe()}");
        }

        return node.GetValue<string>();
    }
}
