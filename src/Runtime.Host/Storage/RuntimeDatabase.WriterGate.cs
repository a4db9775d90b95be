using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// One writer at a time per database file within this process. SQLite's file lock serializes
/// the writers anyway, but a connection that finds the lock taken waits in SQLite's busy handler,
/// which sleeps 1, 2, 5, 10, 15, 20, 25… ms between tries: with several attempts of one
/// <c>serve</c> committing at once, most of a write's time went to those sleeps after the lock
/// was already free. Here the next writer of the process is woken the moment the previous one
/// commits; writers in other processes still meet the busy handler, as before.
/// </summary>
internal sealed partial class RuntimeDatabase
{
    /// <summary>How long a writer waits for the lock, in this process (the gate) and across processes (<c>busy_timeout</c>).</summary>
    private const int BusyTimeoutMilliseconds = 5000;

    /// <summary>SQLITE_BUSY: what a writer that waited too long reports, from the gate as from SQLite.</summary>
    private const int SqliteBusy = 5;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriterGates = new(StringComparer.Ordinal);

    /// <summary>Enters this process's gate of the file, or throws as SQLite does when its lock stays taken.</summary>
    private SemaphoreSlim EnterWriterGate()
    {
        var gate = WriterGates.GetOrAdd(Path, static _ => new SemaphoreSlim(1, 1));
        if (!gate.Wait(BusyTimeoutMilliseconds))
        {
            throw new SqliteException($"database is locked: another unit of work of this process held the write transaction for {BusyTimeoutMilliseconds} ms", SqliteBusy);
        }

        return gate;
    }
}
