using System.Text.Json.Nodes;
using AgentRuntime.Host.Workflows;
using Serilog;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// The SQLite implementation of the queue port. Each call opens its own connection, runs in its
/// own <c>BEGIN IMMEDIATE</c> transaction (reads in none) and closes it, so calls from several
/// attempts at once share no state; SQLite's file lock serializes the writers. The file is
/// created and migrated by the first unit of work of the process. Dispose to close the file.
/// </summary>
internal sealed class SqliteRuntimeStore : ITaskQueue, IAttemptLog, IEventLog, IStatusQueries, IDisposable
{
    private readonly Lock _migration = new();
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    /// <summary>
    /// The connection that migrated the file, kept open and otherwise unused: while one connection
    /// stays open, closing a unit of work's connection does not checkpoint and delete the WAL.
    /// </summary>
    private volatile RuntimeDatabase? _anchor;

    /// <param name="dbPath">The database file (<c>config.dbPath</c>).</param>
    /// <param name="options">Defaults from config and this process's runner id.</param>
    /// <param name="time">The clock for every timestamp written.</param>
    /// <param name="log">Where ignored stale writes are warned about.</param>
    public SqliteRuntimeStore(string dbPath, TaskStoreOptions options, TimeProvider time, ILogger log)
    {
        DbPath = dbPath;
        Options = options;
        _time = time;
        _log = log;
    }

    public string DbPath { get; }

    public TaskStoreOptions Options { get; }

    public Task<TaskRecord> EnqueueAsync(NewTask task, CancellationToken cancellationToken) => WriteAsync(s => s.Enqueue(task), cancellationToken);

    public Task<TaskRecord?> EnqueueIfNewAsync(NewTask task, CancellationToken cancellationToken) => WriteAsync(s => s.EnqueueIfNew(task), cancellationToken);

    public Task<ClaimedTask?> ClaimAsync(CancellationToken cancellationToken) => WriteAsync(s => s.Claim(), cancellationToken);

    public Task<FencedWrite> FinalizeAsync(TaskFinalization finalization, CancellationToken cancellationToken) =>
        WriteAsync(s => s.TryFinalize(finalization), cancellationToken);

    public Task<FencedWrite> RescheduleAsync(TaskReschedule reschedule, CancellationToken cancellationToken) =>
        WriteAsync(s => s.TryReschedule(reschedule), cancellationToken);

    public Task<TaskRecord> CancelAsync(string taskId, string? reason, CancellationToken cancellationToken) =>
        WriteAsync(s => s.Cancel(taskId, reason), cancellationToken);

    public Task<BootSweepResult> BootSweepAsync(Func<string, bool> runnerGone, CancellationToken cancellationToken) =>
        WriteAsync(s => s.BootSweep(runnerGone), cancellationToken);

    public Task<TaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken) => ReadAsync(s => s.GetTask(taskId), cancellationToken);

    public Task<AttemptRecord?> GetAttemptAsync(string attemptId, CancellationToken cancellationToken) =>
        ReadAsync(s => s.GetAttempt(attemptId), cancellationToken);

    public Task SetAdapterAsync(string attemptId, string adapterId, string adapterKind, string? model, CancellationToken cancellationToken) =>
        WriteAsync(s => s.UpdateAttemptAdapter(attemptId, adapterId, adapterKind, model), cancellationToken);

    public Task RecordBundleAsync(NewBundle bundle, CancellationToken cancellationToken) => WriteAsync(s => s.InsertBundle(bundle), cancellationToken);

    public Task<long> RecordAsync(string eventType, string? taskId, string? attemptId, JsonObject detail, CancellationToken cancellationToken) =>
        WriteAsync(s => s.RecordEvent(eventType, taskId, attemptId, detail), cancellationToken);

    public Task<int> CountAsync(string taskId, string eventType, CancellationToken cancellationToken) =>
        ReadAsync(s => s.CountEvents(taskId, eventType), cancellationToken);

    public Task<StatusReport> ReadStatusAsync(CancellationToken cancellationToken) => ReadAsync(s => s.ReadStatus(), cancellationToken);

    public Task<RunEventSummary?> LastEventAsync(CancellationToken cancellationToken) => ReadAsync(s => s.LastEvent(), cancellationToken);

    public Task<WorkflowRecord?> GetWorkflowAsync(long workflowId, CancellationToken cancellationToken) =>
        ReadAsync(s => new WorkflowStore(s, _time).GetById(workflowId), cancellationToken);

    /// <summary>
    /// One unit of work for a storage-side operation that spans several statements (a schedule
    /// firing, a workflow step): <paramref name="work"/> runs in one transaction on its own
    /// connection, committed when it returns and rolled back when it throws.
    /// </summary>
    public T InUnitOfWork<T>(Func<TaskStore, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var db = Open();
        var session = new TaskStore(db, Options, _time, _log);
        return db.InTransaction(() => work(session));
    }

    /// <summary>Reads outside a transaction on a connection of their own.</summary>
    public T Read<T>(Func<TaskStore, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var db = Open();
        return work(new TaskStore(db, Options, _time, _log));
    }

    private Task<T> WriteAsync<T>(Func<TaskStore, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(InUnitOfWork(work));
    }

    private Task WriteAsync(Action<TaskStore> work, CancellationToken cancellationToken) =>
        WriteAsync(s =>
        {
            work(s);
            return true;
        }, cancellationToken);

    private Task<T> ReadAsync<T>(Func<TaskStore, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(work));
    }

    public void Dispose()
    {
        lock (_migration)
        {
            _anchor?.Dispose();
            _anchor = null;
        }
    }

    private RuntimeDatabase Open()
    {
        if (_anchor is null)
        {
            lock (_migration)
            {
                _anchor ??= RuntimeDatabase.Open(DbPath, _time);
            }
        }

        return RuntimeDatabase.Open(DbPath, _time, migrate: false);
    }
}
