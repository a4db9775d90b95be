using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Sensors;

/// <summary>
/// Ingests one sensor event (spec §7.2): record it unless its <c>dedupe_key</c> or
/// <c>(sensor_id, event_id)</c> was seen, then create or reuse the proposed workflow, enqueue the
/// proposed task and link both to the record.
/// </summary>
internal sealed class SensorEventIngest(TaskStore tasks, WorkflowOperations workflows, TimeProvider time)
{
    /// <summary>
    /// Unlike the reference (which used separate statements), the record, its workflow, its task,
    /// the linkage and the events are written in one <c>BEGIN IMMEDIATE</c> transaction. The
    /// unique indexes decide the winner (INSERT OR IGNORE); a concurrent sender of the same event
    /// waits for the write lock, sees the row, and creates nothing — so one event yields exactly
    /// one record and one task however many processes deliver it at once.
    /// </summary>
    public SensorEventResult Ingest(SensorEventInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // The proposed task is checked as intake checks it before anything is written: checked only
        // when queued, a bad available_at or an oversized payload failed inside the event's write.
        NewTask? task = null;
        if (input.ProposedTask is { } proposedTask)
        {
            try
            {
                task = TaskInputValidator.Validate(proposedTask, tasks.Options, time.GetUtcNow());
            }
            catch (TaskInputException ex)
            {
                throw new SensorEventInputException($"proposed_task.{ex.Message}", ex);
            }
        }

        var now = IsoTime.Truncate(time.GetUtcNow());
        var record = new SensorEventRecord
        {
            SensorEventId = Guid.NewGuid().ToString(),
            SensorId = input.SensorId,
            EventId = input.EventId,
            ObservedAt = input.ObservedAt ?? now,
            SourceRef = input.SourceRef,
            DedupeKey = input.DedupeKey,
            Payload = input.Payload,
            CreatedAt = now,
        };
        var stored = new SensorEventStore(tasks).Record(record, recorded => Produce(recorded, input, task));
        return stored is null ? SensorEventResult.Deduped : new SensorEventResult(true, stored.TaskId, stored.WorkflowId, stored);
    }

    /// <summary>Creates the proposed workflow and task, inside the event's unit of work.</summary>
    private (string? TaskId, long? WorkflowId) Produce(SensorEventRecord record, SensorEventInput input, NewTask? task)
    {
        long? workflowId = input.ProposedWorkflow is { } proposed ? Workflow(record, proposed) : null;
        string? taskId = null;
        if (task is not null)
        {
            taskId = tasks.Enqueue(task).TaskId;
            tasks.RecordEvent("sensor_task_created", taskId, null, new JsonObject
            {
                ["sensor_event_id"] = record.SensorEventId,
                ["sensor_id"] = record.SensorId,
                ["event_id"] = record.EventId,
            });
        }

        return (taskId, workflowId);
    }

    private long Workflow(SensorEventRecord record, ProposedWorkflow proposed)
    {
        var (created, workflow) = workflows.Create(proposed.Template, proposed.InstanceKey, proposed.State, proposed.ContextJson);
        tasks.RecordEvent(created ? "sensor_workflow_created" : "sensor_workflow_deduped", null, null, new JsonObject
        {
            ["sensor_event_id"] = record.SensorEventId,
            ["workflow_id"] = workflow.Id,
            ["instance_key"] = workflow.InstanceKey,
        });
        return workflow.Id;
    }
}
