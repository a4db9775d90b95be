using System.Globalization;
using System.Text;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Intake;

/// <summary>
/// The value checks every intake path shares (spec §5.13): kind, source, payload size, attempt
/// limit, availability. Applies the defaults and returns the task to insert, so the queue only
/// stores what it is given.
/// </summary>
internal static class TaskInputValidator
{
    /// <summary>The largest payload accepted, in UTF-8 bytes of its compact JSON.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    /// <summary>What <c>schedule.delay_minutes</c> must be (the reference's sentence, repeated after the field name, said it twice).</summary>
    internal const string DelayMinutesMessage = "expected a non-negative number of minutes";

    /// <summary>The problem with an <c>available_at</c> that is not a date (the reference's <c>invalid task available_at: X</c> named the field twice).</summary>
    internal static string AvailableAtMessage(string text) => $"expected a date such as 2026-04-29T10:00:00.000Z, got \"{text}\"";

    /// <summary>JavaScript dates end at ±8.64e15 ms from the epoch; a later instant cannot be written as ISO text.</summary>
    private const double MaxJsEpochMilliseconds = 8.64e15;

    /// <param name="input">The task as parsed.</param>
    /// <param name="defaults">The configured profile and attempt limit (the runner id is not used).</param>
    /// <param name="now">The enqueue instant: the task's creation time and the base of a delay.</param>
    /// <exception cref="TaskInputException">A value is invalid.</exception>
    public static NewTask Validate(TaskInput input, TaskStoreOptions defaults, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(defaults);
        if (string.IsNullOrEmpty(input.Kind))
        {
            throw new TaskInputException("kind", "expected a non-empty string");
        }

        if (string.IsNullOrEmpty(input.Source))
        {
            throw new TaskInputException("source", "expected a non-empty string");
        }

        var payloadBytes = Encoding.UTF8.GetByteCount(JsJson.Serialize(input.Payload));
        if (payloadBytes > MaxPayloadBytes)
        {
            throw new TaskInputException("payload", $"too large ({payloadBytes} bytes; the limit is {MaxPayloadBytes})");
        }

        var maxAttempts = input.MaxAttempts ?? defaults.MaxAttempts;
        if (maxAttempts < 1)
        {
            throw new TaskInputException("max_attempts", $"expected a positive integer, got {maxAttempts}");
        }

        return new NewTask
        {
            TaskId = Guid.NewGuid().ToString(),
            Kind = input.Kind,
            Source = input.Source,
            Subject = input.Subject,
            Description = input.Description,
            Priority = input.Priority ?? 5,
            Payload = input.Payload,
            RequestedProfile = string.IsNullOrEmpty(input.RequestedProfile) ? defaults.DefaultProfile : input.RequestedProfile,
            RequestedAdapter = input.RequestedAdapter ?? "",
            MaxAttempts = maxAttempts,
            CreatedAt = now,
            AvailableAt = AvailableAt(input, now),
        };
    }

    /// <summary>Spec §5.13: a given date wins (an empty one counts as absent, as in JavaScript); else now plus the delay.</summary>
    private static DateTimeOffset AvailableAt(TaskInput input, DateTimeOffset now)
    {
        if (!string.IsNullOrEmpty(input.AvailableAt))
        {
            return IsoTime.TryParse(input.AvailableAt, out var given)
                ? given
                : throw new TaskInputException("available_at", AvailableAtMessage(input.AvailableAt));
        }

        if (input.DelayMinutes is not { } delay)
        {
            return now;
        }

        if (!double.IsFinite(delay) || delay < 0)
        {
            throw new TaskInputException(
                "schedule.delay_minutes",
                $"{DelayMinutesMessage}, got {(double.IsFinite(delay) ? JsJson.FormatNumber(delay) : delay.ToString(CultureInfo.InvariantCulture))}");
        }

        // JavaScript date arithmetic: whole milliseconds, the fraction truncated.
        var target = Math.Truncate(now.ToUnixTimeMilliseconds() + (delay * 60_000));
        // JavaScript dates go further than .NET's (year 9999): the smaller bound is the one that holds.
        if (target > Math.Min(MaxJsEpochMilliseconds, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()))
        {
            throw new TaskInputException(
                "schedule.delay_minutes",
                string.Format(CultureInfo.InvariantCulture, "{0}, got {1} (beyond the last representable date)", DelayMinutesMessage, JsJson.FormatNumber(delay)));
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)target);
    }
}
