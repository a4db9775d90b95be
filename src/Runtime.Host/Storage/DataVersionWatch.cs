using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// Notices commits to the runtime database by any other connection, in this process or another
/// (CLI <c>intake</c>, the web API, a sensor bridge): SQLite's <c>PRAGMA data_version</c> on one
/// connection held for the purpose changes whenever another connection has committed. Reading it
/// is a cheap pragma that touches no table, so it can be asked every few milliseconds.
/// </summary>
internal sealed class DataVersionWatch : IDisposable
{
    private readonly RuntimeDatabase _db;
    private readonly SqliteCommand _read;
    private long _last;

    public DataVersionWatch(RuntimeDatabase db)
    {
        _db = db;

        // Prepared once: the look is then one step of a compiled statement.
        _read = db.Command("PRAGMA data_version");
        _read.Prepare();
        _last = Read();
    }

    /// <summary>Whether another connection committed since the last call (or since the watch began).</summary>
    public bool Changed()
    {
        var now = Read();
        if (now == _last)
        {
            return false;
        }

        _last = now;
        return true;
    }

    private long Read() => Convert.ToInt64(_read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _read.Dispose();
        _db.Dispose();
    }
}
