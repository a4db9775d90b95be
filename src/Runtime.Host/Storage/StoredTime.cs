using AgentRuntime.Host.Json;
using Microsoft.Data.Sqlite;
using Serilog;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// Reads timestamp columns into <see cref="DateTimeOffset"/>: the one place where stored ISO text
/// becomes a domain value (writes go through <see cref="IsoTime.ToIso(DateTimeOffset)"/>). A stored value that does
/// not parse (hand-edited, or written by a foreign tool) must not fail the read of its row, so it
/// is logged as a warning and read as null; in a <c>NOT NULL</c> column, whose record property
/// cannot be null, it reads as the Unix epoch instead. Every value this runtime or the reference
/// runtime writes is in the reference format and round-trips byte for byte.
/// </summary>
internal static class StoredTime
{
    /// <summary>A nullable column: null when SQL NULL or unparseable.</summary>
    public static DateTimeOffset? Optional(SqliteDataReader reader, int ordinal, ILogger log)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var text = reader.GetValue(ordinal)?.ToString();
        if (IsoTime.TryParseStored(text, out var value))
        {
            return value;
        }

        log.Warning("Stored timestamp {Column} = {Value} is not a date; read as unset (the Unix epoch in a NOT NULL column)", reader.GetName(ordinal), text);
        return null;
    }

    /// <summary>A <c>NOT NULL</c> column: the Unix epoch when unparseable.</summary>
    public static DateTimeOffset Required(SqliteDataReader reader, int ordinal, ILogger log) =>
        Optional(reader, ordinal, log) ?? DateTimeOffset.UnixEpoch;
}
