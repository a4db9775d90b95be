using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using Microsoft.Data.Sqlite;
using Serilog;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// The task queue's operations (spec §3.6, §5.13, §5.15) over one <see cref="RuntimeDatabase"/>.
/// Every multi-statement write runs in one <c>BEGIN IMMEDIATE</c> transaction, so two processes
/// sharing the file never both claim a task. Hot queries compare the stored ISO text (which sorts
/// as time) and break ties on rowid, instead of the reference's second-granular <c>datetime()</c>,
/// so each is served by an index. Not thread-safe: one store per connection.
/// </summary>
internal sealed partial class TaskStore
{
    private const string TaskColumns = """
        task_id, kind, source, subject, description, priority, payload_json, requested_profile,
        requested_adapter, status, created_at, updated_at, attempt_count, max_attempts,
        available_at, started_at, finished_at, outcome_json, last_error
        """;

    private const string AttemptColumns = """
        attempt_id, task_id, adapter_id, adapter_kind, model, runner_id, bundle_id, status,
        started_at, ended_at, exit_status, retry_class, prompt_path, stdout_path, stderr_path,
        result_path, diagnostics_json
        """;

    private readonly RuntimeDatabase _db;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    /// <param name="db">The open database; the caller keeps ownership.</param>
    /// <param name="options">Defaults from config and this process's runner id.</param>
    /// <param name="time">The clock for every timestamp written.</param>
    /// <param name="log">Where an ignored stale write is warned about; none when null.</param>
    public TaskStore(RuntimeDatabase db, TaskStoreOptions options, TimeProvider time, ILogger? log = null)
    {
        _db = db;
        Options = options;
        _time = time;
        _log = log ?? Serilog.Core.Logger.None;
    }

    public TaskStoreOptions Options { get; }

    /// <summary>The store's clock, for callers that validate a task input before enqueueing it.</summary>
    public TimeProvider Time => _time;

    /// <summary>The open database, for the other stores of this folder that share the session's connection.</summary>
    internal RuntimeDatabase Database => _db;

    /// <summary>Where the stores of this folder warn about a stored value they could not read.</summary>
    internal ILogger Log => _log;

    private string Now() => IsoTime.Now(_time);

    /// <summary>The task with this id, or null.</summary>
    public TaskRecord? GetTask(string taskId)
    {
        using var command = _db.Command($"SELECT {TaskColumns} FROM tasks WHERE task_id = $id", ("$id", taskId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadTask(reader) : null;
    }

    /// <summary>The attempt with this id, or null.</summary>
    public AttemptRecord? GetAttempt(string attemptId)
    {
        using var command = _db.Command($"SELECT {AttemptColumns} FROM task_attempts WHERE attempt_id = $id", ("$id", attemptId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadAttempt(reader) : null;
    }

    /// <summary>
    /// Appends a <c>run_events</c> row (spec §5.17) and returns its id. The detail is stored
    /// compact in its insertion order, so build it in the catalogue's key order.
    /// </summary>
    public long RecordEvent(string eventType, string? taskId, string? attemptId, JsonObject detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        using var command = _db.Command(
            """
            INSERT INTO run_events (event_type, task_id, attempt_id, detail_json, created_at)
            VALUES ($type, $task, $attempt, $detail, $now) RETURNING id
            """,
            ("$type", eventType),
            ("$task", taskId),
            ("$attempt", attemptId),
            ("$detail", JsJson.Serialize(detail)),
            ("$now", Now()));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>How many events of <paramref name="eventType"/> a task has (e.g. to cap rate-limit retries).</summary>
    public int CountEvents(string taskId, string eventType)
    {
        var count = _db.Scalar(
            "SELECT COUNT(*) FROM run_events WHERE task_id = $task AND event_type = $type",
            ("$task", taskId),
            ("$type", eventType));
        return Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture);
    }

    private TaskRecord ReadTask(SqliteDataReader reader) => new()
    {
        TaskId = reader.GetString(0),
        Kind = reader.GetString(1),
        Source = reader.GetString(2),
        Subject = NullIfEmpty(reader, 3),
        Description = NullIfEmpty(reader, 4),
        Priority = reader.GetInt32(5),
        Payload = ParseObject(reader.GetString(6)) ?? [],
        RequestedProfile = reader.GetString(7),
        RequestedAdapter = reader.GetString(8),
        Status = reader.GetString(9),
        CreatedAt = StoredTime.Required(reader, 10, _log),
        UpdatedAt = StoredTime.Required(reader, 11, _log),
        AttemptCount = reader.GetInt32(12),
        MaxAttempts = reader.GetInt32(13),
        AvailableAt = StoredTime.Required(reader, 14, _log),
        StartedAt = StoredTime.Optional(reader, 15, _log),
        FinishedAt = StoredTime.Optional(reader, 16, _log),
        Outcome = reader.IsDBNull(17) ? null : ParseObject(reader.GetString(17)),
        LastError = Text(reader, 18),
    };

    private AttemptRecord ReadAttempt(SqliteDataReader reader) => new()
    {
        AttemptId = reader.GetString(0),
        TaskId = reader.GetString(1),
        AdapterId = reader.GetString(2),
        AdapterKind = reader.GetString(3),
        Model = Text(reader, 4),
        RunnerId = reader.GetString(5),
        BundleId = Text(reader, 6),
        Status = reader.GetString(7),
        StartedAt = StoredTime.Required(reader, 8, _log),
        EndedAt = StoredTime.Optional(reader, 9, _log),
        ExitStatus = Text(reader, 10),
        RetryClass = Text(reader, 11),
        PromptPath = Text(reader, 12),
        StdoutPath = Text(reader, 13),
        StderrPath = Text(reader, 14),
        ResultPath = Text(reader, 15),
        Diagnostics = reader.IsDBNull(16) ? null : ParseObject(reader.GetString(16)),
    };

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Spec §3.2: an empty subject or description reads back as null.</summary>
    private static string? NullIfEmpty(SqliteDataReader reader, int ordinal) => Text(reader, ordinal) is { Length: > 0 } text ? text : null;

    /// <summary>A stored JSON column that is not an object (hand-edited or corrupt) reads as null rather than failing the whole read.</summary>
    private static JsonObject? ParseObject(string json)
    {
        try
        {
            return JsJson.ParseStored(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
