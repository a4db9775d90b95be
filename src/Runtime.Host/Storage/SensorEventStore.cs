using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Sensors;

namespace AgentRuntime.Host.Storage;

/// <summary>Writes <c>sensor_events</c> rows (spec §7.2) on a task store's session.</summary>
internal sealed class SensorEventStore(TaskStore tasks)
{
    private RuntimeDatabase Db => tasks.Database;

    /// <summary>Inserts the record unless its <c>dedupe_key</c> or <c>(sensor_id, event_id)</c> exists; false when it did.</summary>
    public bool TryInsert(SensorEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Db.Execute(
            """
            INSERT OR IGNORE INTO sensor_events (sensor_event_id, sensor_id, event_id, observed_at, source_ref, dedupe_key, payload_json, task_id, workflow_id, created_at)
            VALUES ($id, $sensor, $event, $observed, $ref, $dedupe, $payload, NULL, NULL, $now)
            """,
            ("$id", record.SensorEventId),
            ("$sensor", record.SensorId),
            ("$event", record.EventId),
            ("$observed", IsoTime.ToIso(record.ObservedAt)),
            ("$ref", record.SourceRef),
            ("$dedupe", record.DedupeKey),
            ("$payload", JsJson.Serialize(record.Payload)),
            ("$now", IsoTime.ToIso(record.CreatedAt))) > 0;
    }

    /// <summary>
    /// Records one sensor event as one unit of work: inserts it unless its <c>dedupe_key</c> or
    /// <c>(sensor_id, event_id)</c> exists (then records <c>sensor_event_deduped</c> and returns
    /// null), records <c>sensor_event_recorded</c>, lets <paramref name="produce"/> create the
    /// workflow and task it proposes through this session, and links them to the row.
    /// </summary>
    public SensorEventRecord? Record(SensorEventRecord record, Func<SensorEventRecord, (string? TaskId, long? WorkflowId)> produce)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(produce);
        return Db.InTransaction(() =>
        {
            var detail = new JsonObject { ["sensor_id"] = record.SensorId, ["event_id"] = record.EventId, ["dedupe_key"] = record.DedupeKey };
            if (!TryInsert(record))
            {
                tasks.RecordEvent("sensor_event_deduped", null, null, detail);
                return null;
            }

            tasks.RecordEvent("sensor_event_recorded", null, null, detail);
            var (taskId, workflowId) = produce(record);
            Link(record.SensorEventId, taskId, workflowId);
            return record with { TaskId = taskId, WorkflowId = workflowId };
        });
    }

    /// <summary>Links the record to the task and workflow it produced.</summary>
    public void Link(string sensorEventId, string? taskId, long? workflowId) => Db.Execute(
        "UPDATE sensor_events SET task_id = $task, workflow_id = $workflow WHERE sensor_event_id = $id",
        ("$task", taskId),
        ("$workflow", workflowId),
        ("$id", sensorEventId));

    /// <summary>The latest <paramref name="limit"/> events, newest first (spec §2.6).</summary>
    public IReadOnlyList<SensorEventRecord> ListRecent(int limit)
    {
        using var command = Db.Command(
            """
            SELECT sensor_event_id, sensor_id, event_id, observed_at, source_ref, dedupe_key, payload_json, task_id, workflow_id, created_at
            FROM sensor_events ORDER BY created_at DESC, rowid DESC LIMIT $limit
            """,
            ("$limit", limit));
        using var reader = command.ExecuteReader();
        var events = new List<SensorEventRecord>();
        while (reader.Read())
        {
            events.Add(new SensorEventRecord
            {
                SensorEventId = reader.GetString(0),
                SensorId = reader.GetString(1),
                EventId = reader.GetString(2),
                ObservedAt = StoredTime.Required(reader, 3, tasks.Log),
                SourceRef = reader.GetString(4),
                DedupeKey = reader.GetString(5),
                Payload = ParsePayload(reader.GetString(6)),
                TaskId = reader.IsDBNull(7) ? null : reader.GetString(7),
                WorkflowId = reader.IsDBNull(8) ? null : reader.GetInt64(8),
                CreatedAt = StoredTime.Required(reader, 9, tasks.Log),
            });
        }

        return events;
    }

    /// <summary>A corrupt stored payload reads as an empty object rather than failing the list.</summary>
    private static JsonObject ParsePayload(string json)
    {
        try
        {
            return JsJson.ParseStored(json) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
