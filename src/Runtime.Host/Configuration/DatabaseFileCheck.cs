using System.Text;

namespace AgentRuntime.Host.Configuration;

/// <summary>
/// Refuses a <c>dbPath</c> that cannot be the runtime database before SQLite opens it: a directory,
/// or a file that is neither empty nor a SQLite database. SQLite's own errors for these surfaced as
/// a driver exception with a stack trace.
/// </summary>
internal static class DatabaseFileCheck
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <exception cref="ConfigException">The path names a directory or a file that is not a SQLite database.</exception>
    public static void Check(string file, string dbPath)
    {
        if (Directory.Exists(dbPath))
        {
            throw ConfigException.Invalid(file, "$.dbPath", $"expected a SQLite database file, got a directory ({dbPath})");
        }

        if (!File.Exists(dbPath))
        {
            return;
        }

        var start = new byte[Header.Length];
        int read;
        try
        {
            using var stream = new FileStream(dbPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ConfigException.Invalid(file, "$.dbPath", $"cannot read the database file {dbPath} ({ex.Message})");
        }

        // An empty file is a new database to SQLite; anything else must carry its header.
        if (read > 0 && !start.AsSpan(0, read).SequenceEqual(Header))
        {
            throw ConfigException.Invalid(file, "$.dbPath", $"expected a SQLite database file, got a file that is not one ({dbPath})");
        }
    }
}
