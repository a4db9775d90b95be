using System.Text.Json.Nodes;
using AgentRuntime.Host.Workflows;
using Serilog;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// The SQLite implementation of the queue port. Each call takes its own connection, runs in its
/// own <c>BEGIN IMMEDIATE</c> transaction (reads in none) and gives it back, so calls from several
/// attempts at once share no state; SQLite's file lock serializes the writers. The connections
/// come from Microsoft.Data.Sqlite's pool (one unit of work at a time each), so a unit of work
/// does not open the file and parse its schema again. The file is created and migrated once, by
/// the first unit of work of the process. Dispose to close the file (the pooled connections too).
/// </summary>
internal sealed class SqliteRuntimeStore : ITaskQueue, IAttemptLog, IEventLog, IStatusQueries, IDisposable
{
    private readonly Lock _migration = new();
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    /// <summary>
    /// Whether this store has opened (and migrated) the file. The pooled connections stay open
    /// between units of work, so the WAL is not checkpointed and deleted after each one.
    /// </summary>
    private volatile bool _migrated;

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

    /// <summary>As <see cref="ClaimAsync(CancellationToken)"/>, passing over tasks that ask for one of <paramref name="excludedAdapters"/>.</summary>
    public Task<ClaimedTask?> ClaimAsync(IReadOnlyCollection<string> excludedAdapters, CancellationToken cancellationToken) =>
        WriteAsync(s => s.Claim(excludedAdapters), cancellationToken);

    public Task<FencedWrite> FinalizeAsync(TaskFinalization finalization, CancellationToken cancellationToken) =>
        WriteAsync(s => s.TryFinalize(finalization), cancellationToken);

    public Task<FencedWrite> RescheduleAsync(TaskReschedule reschedule, CancellationToken cancellationToken) =>
        WriteAsync(s => s.TryReschedule(reschedule), cancellationToken);

    public Task<TaskRecord> CancelAsync(string taskId, string? reason, CancellationToken cancellationToken) =>
        WriteAsync(s => s.Cancel(taskId, reason), cancellationToken);

    public Task<CancelRequestResult> RequestCancelAsync(string taskId, string? reason, CancellationToken cancellationToken) =>
        WriteAsync(s => s.RequestCancel(taskId, reason), cancellationToken);

    public Task<CancelRequest?> GetCancelRequestAsync(string attemptId, CancellationToken cancellationToken) =>
        ReadAsync(s => s.GetCancelRequest(attemptId), cancellationToken);

    public Task<FencedWrite> FinishCanceledAsync(AttemptCancellation cancellation, CancellationToken cancellationToken) =>
        WriteAsync(s => s.TryFinishCanceled(cancellation), cancellationToken);

    public Task<BootSweepResult> BootSweepAsync(Func<RecordedRunner, bool> runnerGone, Action<IReadOnlyList<StrandedAttempt>> stopProcesses, CancellationToken cancellationToken) =>
        WriteAsync(s => s.BootSweep(runnerGone, stopProcesses), cancellationToken);

    public Task<TaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken) => ReadAsync(s => s.GetTask(taskId), cancellationToken);

    public Task<AttemptRecord?> GetAttemptAsync(string attemptId, CancellationToken cancellationToken) =>
        ReadAsync(s => s.GetAttempt(attemptId), cancellationToken);

    public Task RecordProcessAsync(string attemptId, RecordedProcess process, CancellationToken cancellationToken) =>
        WriteAsync(s => s.RecordProcess(attemptId, process), cancellationToken);

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

    /// <summary>
    /// A connection of its own for a caller that runs its units of work on a <see cref="TaskStore"/>
    /// it holds (the cycle's schedule and workflow phases); the file is migrated first if this
    /// store has not done so yet. The caller disposes it before this store.
    /// </summary>
    public RuntimeDatabase OpenConnection() => Open();

    public void Dispose()
    {
        lock (_migration)
        {
            _migrated = false;

            // The pool would keep the file open after dispose; a state directory deleted or
            // replaced afterwards must not be written through a connection to the old file.
            RuntimeDatabase.ClearPool(DbPath);
        }
    }

    private RuntimeDatabase Open()
    {
        if (!_migrated)
        {
            lock (_migration)
            {
                if (!_migrated)
                {
                    var first = RuntimeDatabase.OpenPooled(DbPath, _time, migrate: true);
                    _migrated = true;
                    return first;
                }
            }
        }

        return RuntimeDatabase.OpenPooled(DbPath, _time, migrate: false);
    }
}
