using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Operations;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Snapshots;

/// <summary>Captures a RuntimeSnapshot (spec §7.8), in the reference key order.</summary>
internal sealed class SnapshotBuilder(TaskStore tasks, WorkflowStore workflows, string runtimeName, string artifactDir, TimeProvider time)
{
    public const int RecentCompletedLimit = 15;

    public const string SnapshotsFolder = "snapshots";

    public JsonObject Capture()
    {
        var all = workflows.ListAll();
        return new JsonObject
        {
            ["captured_at"] = IsoTime.Now(time),
            ["runtime_name"] = runtimeName,
            ["status"] = StatusReportJson.ToJson(tasks.ReadStatus()),
            ["workflows"] = new JsonArray([.. all.Select(w => (JsonNode?)w.ToShowJson())]),
            ["active_workflows"] = new JsonArray([.. all.Where(w => w.CompletedAt is null).Select(w => (JsonNode?)w.ToShowJson())]),
            ["queued_tasks"] = QueuedTasks(),
            ["recent_completed"] = RecentCompleted(),
            ["artifact_files"] = new JsonArray([.. ArtifactFiles(artifactDir).Select(f => (JsonNode?)JsonValue.Create(f))]),
        };
    }

    /// <summary>Every file under the artifact root, relative with <c>/</c>, excluding the top-level snapshots folder, in code-unit order.</summary>
    public static IReadOnlyList<string> ArtifactFiles(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !relative.StartsWith(SnapshotsFolder + "/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private JsonArray QueuedTasks()
    {
        var rows = new JsonArray();
        foreach (var task in tasks.ListQueued())
        {
            rows.Add((JsonNode)new JsonObject
            {
                ["task_id"] = task.TaskId,
                ["kind"] = task.Kind,
                ["source"] = task.Source,
                ["subject"] = task.Subject,
                ["status"] = task.Status,
                ["priority"] = task.Priority,
                ["created_at"] = IsoTime.ToIso(task.CreatedAt),
            });
        }

        return rows;
    }

    private JsonArray RecentCompleted()
    {
        var rows = new JsonArray();
        foreach (var task in tasks.RecentCompleted(RecentCompletedLimit))
        {
            var paths = (task.Outcome?["artifact_paths"] as JsonArray ?? []).Select(JsValues.String).OfType<string>();
            rows.Add((JsonNode)new JsonObject
            {
                ["task_id"] = task.TaskId,
                ["kind"] = task.Kind,
                ["source"] = task.Source,
                ["subject"] = task.Subject,
                ["updated_at"] = IsoTime.ToIso(task.UpdatedAt),
                ["operator_summary"] = JsValues.String(task.Outcome?["operator_summary"]) ?? "",
                ["artifact_paths"] = new JsonArray([.. paths.Select(p => (JsonNode?)JsonValue.Create(p))]),
            });
        }

        return rows;
    }
}
