using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>The workflow engine over a real SQLite file and a fake clock; tasks are finished by SQL, as a dispatcher would leave them.</summary>
internal sealed class EngineHarness : IDisposable
{
    public EngineHarness()
    {
        Harness = new StoreHarness();
        Store = new WorkflowStore(Harness.Store, Harness.Time);
        Operations = new WorkflowOperations(Store, Harness.Time);
        Engine = new WorkflowEngine(Store, Harness.Time);
    }

    public StoreHarness Harness { get; }

    public WorkflowStore Store { get; }

    public WorkflowOperations Operations { get; }

    public WorkflowEngine Engine { get; }

    public long Create(string template, string? context = null, string? state = null) =>
        Operations.Create(template, $"{template}-{Guid.NewGuid():N}", state, context).Workflow.Id;

    /// <summary>One evaluation a second after the previous step.</summary>
    public WorkflowEvaluation Evaluate()
    {
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        return Engine.EvaluateAll();
    }

    public WorkflowRecord Workflow(long id) => Store.GetById(id)!;

    public List<TaskRecord> Tasks(long workflowId) =>
        TestDb.Query(Harness.DbPath, "SELECT task_id FROM tasks WHERE source LIKE $p ORDER BY rowid", ("$p", $"workflow:{workflowId}:%"))
            .Select(r => Harness.Store.GetTask((string)r["task_id"]!)!)
            .ToList();

    public TaskRecord LastTask(long workflowId) => Tasks(workflowId)[^1];

    /// <summary>Finishes a task with a status and (for completed tasks) an outcome carrying the signal.</summary>
    public void Finish(string taskId, string status, string? signal = null, string? rawOutput = null)
    {
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = new JsonObject { ["status"] = status, ["operator_summary"] = "done", ["machine_status"] = status };
        if (signal is not null)
        {
            outcome["workflow_signal"] = signal;
        }

        if (rawOutput is not null)
        {
            outcome["raw_output"] = rawOutput;
        }

        Harness.Db.Execute(
            "UPDATE tasks SET status = $s, outcome_json = $o, updated_at = $now, finished_at = $now WHERE task_id = $id",
            ("$s", status),
            ("$o", JsJson.Serialize(outcome)),
            ("$now", IsoTime.Now(Harness.Time)),
            ("$id", taskId));
    }

    public int EventCount(string type) => (int)Harness.Count("SELECT COUNT(*) FROM run_events WHERE event_type = $t", ("$t", type));

    public void Dispose() => Harness.Dispose();
}
