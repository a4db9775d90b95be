using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;
using Serilog;

namespace AgentRuntime.Host.Backlog;

/// <summary>
/// Seeds a backlog file (spec §1.2 <c>seed-backlog</c>, §7.5): its workflows (skipping unknown
/// templates and existing instance keys, as the reference does) and its tasks (enqueued without
/// dedupe). Everything is validated first and written in one transaction, so a bad entry leaves
/// the database untouched.
/// </summary>
internal sealed class BacklogSeeder(WorkflowOperations workflows, ILogger? log = null)
{
    /// <exception cref="BacklogInputException">The file's shape or an entry is invalid; nothing was written.</exception>
    public JsonObject Seed(JsonNode? node, IReadOnlyCollection<string>? configuredProfiles = null)
    {
        if (node is not JsonObject backlog)
        {
            throw new BacklogInputException($"backlog: expected a JSON object with \"workflows\" and/or \"tasks\", got {node.Describe()}");
        }

        var workflowEntries = Array(backlog, "workflows").Select((entry, i) => Workflow(entry, i)).ToList();
        foreach (var (entry, i) in workflowEntries.Select((entry, i) => (entry, i)))
        {
            if (workflows.ProfileProblem(entry.Context) is { } problem)
            {
                throw new BacklogInputException($"workflows[{i}].{problem}");
            }
        }

        var taskEntries = Array(backlog, "tasks").Select((entry, i) => Task(entry, i, configuredProfiles)).ToList();
        var tasks = workflows.Store.Tasks;
        var known = new List<BacklogWorkflow>();
        foreach (var entry in workflowEntries)
        {
            if (WorkflowTemplates.Find(entry.Template) is null)
            {
                log?.Warning("Backlog workflow {InstanceKey} skipped: unknown template {Template}", entry.InstanceKey, entry.Template);
                continue;
            }

            known.Add(entry);
        }

        // Validated before anything is written, so an invalid entry leaves the database untouched.
        var newTasks = taskEntries.Select((input, i) => Validate(input, i, tasks)).ToList();
        var seed = workflows.Store.Seed([.. known.Select(NewWorkflow)], newTasks);

        var created = new JsonArray();
        foreach (var (entry, (isNew, workflow)) in known.Zip(seed.Workflows))
        {
            var result = new JsonObject { ["created"] = isNew };
            if (isNew)
            {
                result["workflow_id"] = workflow.Id;
            }

            result["workflow"] = entry.Raw.DeepClone();
            created.Add((JsonNode)result);
        }

        var queued = new JsonArray();
        foreach (var task in seed.Tasks)
        {
            queued.Add((JsonNode)new JsonObject { ["task_id"] = task.TaskId, ["kind"] = task.Kind, ["source"] = task.Source });
        }

        return new JsonObject { ["createdWorkflows"] = created, ["queuedTasks"] = queued };
    }

    private static NewWorkflow NewWorkflow(BacklogWorkflow entry) => new(
        entry.Template,
        entry.InstanceKey,
        string.IsNullOrEmpty(entry.State) ? WorkflowTemplates.Find(entry.Template)!.InitialState : entry.State,
        entry.Context is null ? null : JsJson.Serialize(entry.Context));

    private static JsonArray Array(JsonObject backlog, string key) => backlog[key] switch
    {
        null => [],
        JsonArray array => array,
        var other => throw new BacklogInputException($"{key}: expected an array, got {other.Describe()}"),
    };

    private static BacklogWorkflow Workflow(JsonNode? node, int index)
    {
        var at = $"workflows[{index}]";
        if (node is not JsonObject entry)
        {
            throw new BacklogInputException($"{at}: expected a JSON object, got {node.Describe()}");
        }

        string? Text(string field, bool required)
        {
            var value = entry[field];
            if (value is null && !required)
            {
                return null;
            }

            return value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0
                ? v.GetValue<string>()
                : throw new BacklogInputException($"{at}.{field}: expected a non-empty string, got {(entry.ContainsKey(field) ? value.Describe() : "nothing")}");
        }

        var template = Text("template", true)!;
        var state = Text("state", false);

        // A state its template does not have, or a context that is not an object, parked the
        // workflow for ever; an unknown template is still skipped with a warning, as before.
        if (state is not null && WorkflowTemplates.Find(template) is { } definition && definition.State(state) is null)
        {
            throw new BacklogInputException($"{at}.state: unknown state {state} for workflow template {template}");
        }

        if (entry["context"] is { } context and not JsonObject)
        {
            throw new BacklogInputException($"{at}.context: expected a JSON object, got {context.Describe()}");
        }

        return new BacklogWorkflow(template, Text("instance_key", true)!, state, entry["context"], entry);
    }

    private static NewTask Validate(TaskInput input, int index, TaskStore tasks)
    {
        try
        {
            return TaskInputValidator.Validate(input, tasks.Options, tasks.Time.GetUtcNow());
        }
        catch (TaskInputException ex)
        {
            throw new BacklogInputException($"tasks[{index}].{ex.Message}", ex);
        }
    }

    private static TaskInput Task(JsonNode? node, int index, IReadOnlyCollection<string>? configuredProfiles)
    {
        try
        {
            var input = TaskInputParser.Parse(node, configuredProfiles);
            if (!string.IsNullOrEmpty(input.AvailableAt) && IsoTime.Normalize(input.AvailableAt) is null)
            {
                throw new TaskInputException("available_at", TaskInputValidator.AvailableAtMessage(input.AvailableAt));
            }

            return input;
        }
        catch (TaskInputException ex)
        {
            throw new BacklogInputException($"tasks[{index}].{ex.Message}", ex);
        }
    }
}
