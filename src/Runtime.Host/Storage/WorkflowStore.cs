using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Workflows;
using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Storage;

/// <summary>Reads and writes <c>workflows</c> rows (spec §3.2) over the task store's connection, with their run events.</summary>
internal sealed class WorkflowStore(TaskStore tasks, TimeProvider time)
{
    private const string Columns = "id, template, instance_key, current_state, context_json, created_at, updated_at, completed_at";

    public TaskStore Tasks => tasks;

    private RuntimeDatabase Db => tasks.Database;

    public WorkflowRecord? GetById(long id) => ReadOne($"SELECT {Columns} FROM workflows WHERE id = $v", id);

    public WorkflowRecord? GetByInstanceKey(string key) => ReadOne($"SELECT {Columns} FROM workflows WHERE instance_key = $v", key);

    /// <summary>Active workflows (<c>completed_at IS NULL</c>), least recently updated first (ties: id).</summary>
    public IReadOnlyList<WorkflowRecord> ListActive() => ReadMany($"SELECT {Columns} FROM workflows WHERE completed_at IS NULL ORDER BY updated_at, id");

    /// <summary>Every workflow, oldest first (spec §7.8).</summary>
    public IReadOnlyList<WorkflowRecord> ListAll() => ReadMany($"SELECT {Columns} FROM workflows ORDER BY created_at, id");

    /// <summary>Inserts a workflow and returns its id. No run event: the reference records none for creation.</summary>
    public long Insert(string template, string instanceKey, string state, string? contextJson)
    {
        var now = IsoTime.Now(time);
        return (long)Db.Scalar(
            """
            INSERT INTO workflows (template, instance_key, current_state, context_json, created_at, updated_at, completed_at)
            VALUES ($template, $key, $state, $context, $now, $now, NULL) RETURNING id
            """,
            ("$template", template),
            ("$key", instanceKey),
            ("$state", state),
            ("$context", contextJson),
            ("$now", now))!;
    }

    /// <summary>
    /// Creates the workflow unless one with its instance key exists, in one unit of work; returns
    /// the existing one with <c>Created</c> false and writes nothing then.
    /// </summary>
    public (bool Created, WorkflowRecord Workflow) CreateIfNew(NewWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return Db.InTransaction(() =>
        {
            if (GetByInstanceKey(workflow.InstanceKey) is { } existing)
            {
                return (false, existing);
            }

            var id = Insert(workflow.Template, workflow.InstanceKey, workflow.State, workflow.ContextJson);
            return (true, GetById(id)!);
        });
    }

    /// <summary>
    /// Runs one step of a workflow as one unit of work: re-reads the row under the write lock (a
    /// concurrent evaluator may have moved or completed it) and hands it to <paramref name="step"/>,
    /// whose writes through this store commit together or, when it throws, not at all.
    /// </summary>
    public T Update<T>(long id, Func<WorkflowRecord?, T> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Db.InTransaction(() => step(GetById(id)));
    }

    /// <summary>Creates the backlog's workflows (unless their keys exist) and enqueues its tasks, all or nothing.</summary>
    public BacklogSeed Seed(IReadOnlyList<NewWorkflow> workflows, IReadOnlyList<NewTask> newTasks)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        ArgumentNullException.ThrowIfNull(newTasks);
        return Db.InTransaction(() => new BacklogSeed(
            [.. workflows.Select(CreateIfNew)],
            [.. newTasks.Select(tasks.Enqueue)]));
    }

    /// <summary>Sets state and context and records <c>workflow_transitioned</c> (also for a same-state context write, as the reference does).</summary>
    public void Transition(long id, string state, JsonObject context)
    {
        Db.Execute(
            "UPDATE workflows SET current_state = $state, context_json = $context, updated_at = $now WHERE id = $id",
            ("$state", state),
            ("$context", JsJson.Serialize(context)),
            ("$now", IsoTime.Now(time)),
            ("$id", id));
        tasks.RecordEvent("workflow_transitioned", null, null, new JsonObject { ["workflow_id"] = id, ["new_state"] = state });
    }

    /// <summary>Completes the workflow when it exists, in one unit of work; false when there is no such workflow.</summary>
    public bool TryComplete(long id) => Db.InTransaction(() =>
    {
        if (GetById(id) is null)
        {
            return false;
        }

        Complete(id);
        return true;
    });

    /// <summary>Sets <c>completed_at</c> and <c>updated_at</c> and records <c>workflow_completed</c>.</summary>
    public void Complete(long id)
    {
        var now = IsoTime.Now(time);
        Db.Execute("UPDATE workflows SET completed_at = $now, updated_at = $now WHERE id = $id", ("$now", now), ("$id", id));
        tasks.RecordEvent("workflow_completed", null, null, new JsonObject { ["workflow_id"] = id });
    }

    private WorkflowRecord? ReadOne(string sql, object value) => ReadMany(sql, ("$v", value)).FirstOrDefault();

    private List<WorkflowRecord> ReadMany(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Db.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<WorkflowRecord>();
        while (reader.Read())
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private WorkflowRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Template = reader.GetString(1),
        InstanceKey = reader.GetString(2),
        CurrentState = reader.GetString(3),
        ContextJson = reader.IsDBNull(4) ? null : reader.GetString(4),
        CreatedAt = StoredTime.Required(reader, 5, tasks.Log),
        UpdatedAt = StoredTime.Required(reader, 6, tasks.Log),
        CompletedAt = StoredTime.Optional(reader, 7, tasks.Log),
    };
}
