using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// Tells a failure of the store itself (the file, its lock, the SQL) from any other exception,
/// so code outside storage can let it escape without naming the database driver.
/// </summary>
internal static class StoreFailure
{
    public static bool Is(Exception exception) => exception is SqliteException;
}
