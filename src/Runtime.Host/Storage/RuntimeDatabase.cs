using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// One open connection to the runtime's SQLite file (spec §3.1), with its schema brought up to
/// date. Owns the connection: dispose it to close the file. Not thread-safe; give each thread
/// (or process) its own instance, as SQLite's locking serializes the writers.
/// </summary>
internal sealed partial class RuntimeDatabase : IDisposable
{
    private SqliteTransaction? _transaction;

    private RuntimeDatabase(string path, SqliteConnection connection, TimeProvider time)
    {
        Path = path;
        Connection = connection;
        Time = time;
    }

    /// <summary>The absolute path of the database file.</summary>
    public string Path { get; }

    public SqliteConnection Connection { get; }

    public TimeProvider Time { get; }

    /// <summary>
    /// Opens (creating the file and its directory if needed) and migrates the database, in the
    /// order of spec §3.1. Throws <see cref="SqliteException"/> when the file cannot be opened or migrated.
    /// </summary>
    public static RuntimeDatabase Open(string path, TimeProvider time) => Open(path, time, migrate: true, pooled: false);

    /// <summary>
    /// Takes a connection from the process's pool for one unit of work, migrating the file first
    /// when <paramref name="migrate"/> (the first open of the process). A pooled connection skips
    /// opening the file and reading its schema again; it serves one unit of work at a time, and
    /// its transaction never outlives the unit (disposing rolls back what was not committed).
    /// The pool keeps the file open after dispose: whoever opens pooled connections calls
    /// <see cref="ClearPool"/> when done with the file.
    /// </summary>
    public static RuntimeDatabase OpenPooled(string path, TimeProvider time, bool migrate) => Open(path, time, migrate, pooled: true);

    /// <summary>Closes the idle pooled connections to <paramref name="path"/> (and those in use as they are returned).</summary>
    public static void ClearPool(string path)
    {
        using var connection = new SqliteConnection(ConnectionString(System.IO.Path.GetFullPath(path), pooled: true));
        SqliteConnection.ClearPool(connection);
    }

    private static string ConnectionString(string full, bool pooled) => new SqliteConnectionStringBuilder
    {
        DataSource = full,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = pooled,

        // Spec §3.1: foreign keys are not enforced (bundles declare one to task_attempts). The
        // bundled SQLite build turns them on by default, so say so explicitly (Microsoft.Data.Sqlite
        // issues this PRAGMA at every open, pooled or not).
        ForeignKeys = false,
    }.ToString();

    private static RuntimeDatabase Open(string path, TimeProvider time, bool migrate, bool pooled)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(ConnectionString(full, pooled));
        var database = new RuntimeDatabase(full, connection, time);
        try
        {
            connection.Open();

            // Per connection, so set at every open: a pooled connection keeps it anyway.
            database.Execute($"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
            if (!migrate)
            {
                return database;
            }

            database.Execute("PRAGMA journal_mode = WAL;");
            if (!SchemaMigrations.AllApplied(database))
            {
                database.ApplyCoreSchema();
                SchemaMigrations.Apply(database);
            }

            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside <c>BEGIN IMMEDIATE … COMMIT</c>, rolling back when it
    /// throws. A call made while a transaction is already open joins it. The process's other
    /// connections to the file wait for it at the writer gate.
    /// </summary>
    public T InTransaction<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_transaction is not null)
        {
            return work();
        }

        var gate = EnterWriterGate();
        try
        {
            // Microsoft.Data.Sqlite issues BEGIN IMMEDIATE for a non-deferred (default) transaction,
            // so the write lock is taken up front and a concurrent claimer waits instead of failing late.
            using var transaction = Connection.BeginTransaction(deferred: false);
            _transaction = transaction;
            try
            {
                var result = work();
                transaction.Commit();
                return result;
            }
            finally
            {
                _transaction = null;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public void InTransaction(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        InTransaction(() =>
        {
            work();
            return true;
        });
    }

    /// <summary>A command bound to the open transaction, if any. The caller disposes it.</summary>
    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public void Dispose() => Connection.Dispose();
}
