using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// Tells a failure of the store itself (the file, its lock, the SQL) from any other exception,
/// so code outside storage can let it escape without naming the database driver, and says in one
/// line what an operator can do about it.
/// </summary>
internal static class StoreFailure
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;

    public static bool Is(Exception exception) => exception is SqliteException;

    /// <summary>Another connection held the write lock past the busy timeout: trying again later may succeed.</summary>
    public static bool IsBusy(Exception exception) => exception is SqliteException { SqliteErrorCode: Busy or Locked };

    /// <summary>
    /// One line naming <paramref name="dbPath"/> and what is wrong with it, in place of the driver's
    /// "SQLite Error 14: 'unable to open database file'", which names neither the file nor a cause.
    /// </summary>
    public static string Describe(Exception exception, string dbPath)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return (exception as SqliteException)?.SqliteErrorCode switch
        {
            Busy or Locked => $"the database {dbPath} is locked: another process held its write lock longer than the busy timeout; try again once it is released",
            ReadOnly => $"the database {dbPath} is read-only: make the file and its directory writable",
            CannotOpen => $"the database {dbPath} cannot be opened: its directory is missing, read-only or not accessible (the database needs to create its -wal and -shm files beside it)",
            Full => $"the disk holding the database {dbPath} is full: free some space, then try again",
            IoError => $"the database {dbPath} could not be read or written (disk I/O error): check the disk, its mount and its free space",
            Corrupt or NotADatabase => $"the database {dbPath} is damaged or not a SQLite database",
            _ => $"the database {dbPath} failed: {FirstLine(exception.Message)}",
        };
    }

    /// <summary>The store failure as the operator error a surface prints.</summary>
    public static StoreUnavailableException Unavailable(Exception exception, string dbPath) => new(Describe(exception, dbPath), exception);

    private static string FirstLine(string message) => message.ReplaceLineEndings("\n").Split('\n', 2)[0].Trim();
}
