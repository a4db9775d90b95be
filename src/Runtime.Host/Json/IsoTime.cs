using System.Globalization;

namespace AgentRuntime.Host.Json;

/// <summary>Timestamps in the reference format: UTC ISO-8601 with milliseconds and <c>Z</c>, as JavaScript's <c>toISOString()</c> writes them.</summary>
internal static class IsoTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToIso(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Null stays null: a nullable timestamp column.</summary>
    public static string? ToIso(DateTimeOffset? value) => value is { } instant ? ToIso(instant) : null;

    public static string Now(TimeProvider time) => ToIso(time.GetUtcNow());

    /// <summary>The instant as the reference format keeps it: UTC, to the millisecond.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>
    /// Parses a stored timestamp: the reference format first, then any ISO-8601 text, where a
    /// value without an offset is UTC (as SQLite's <c>datetime()</c> writes it).
    /// </summary>
    public static bool TryParseStored(string? text, out DateTimeOffset value)
    {
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, styles, out value)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>
    /// Parses a user-supplied date the way JavaScript's <c>new Date(text)</c> does for the forms
    /// operators use: a date alone is UTC midnight; a date-time without an offset is local time.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dateOnly))
        {
            value = new DateTimeOffset(dateOnly, TimeSpan.Zero);
            return true;
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>Parses and re-serializes into the reference format, or returns null when the text is not a date.</summary>
    public static string? Normalize(string? text) => TryParse(text, out var value) ? ToIso(value) : null;
}
