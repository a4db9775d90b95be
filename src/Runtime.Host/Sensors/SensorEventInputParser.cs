using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Sensors;

/// <summary>
/// Validates a SensorEventInput (spec §7.2). The reference let a missing field surface as a
/// database error; here the field is named. An unknown proposed template keeps the reference's
/// message, <c>unknown workflow template: &lt;template&gt;</c>.
/// </summary>
internal static class SensorEventInputParser
{
    /// <exception cref="SensorEventInputException">The input is invalid.</exception>
    /// <param name="node">The event as given.</param>
    /// <param name="configuredProfiles">When given, the proposed task's <c>requested_profile</c> must be one of these.</param>
    public static SensorEventInput Parse(JsonNode? node, IReadOnlyCollection<string>? configuredProfiles = null)
    {
        if (node is not JsonObject input)
        {
            throw new SensorEventInputException($"sensor event: expected a JSON object, got {node.Describe()}");
        }

        var workflow = Workflow(input["proposed_workflow"]);
        return new SensorEventInput
        {
            SensorId = Required(input, "sensor_id"),
            EventId = Required(input, "event_id"),
            ObservedAt = ObservedAt(input["observed_at"]),
            SourceRef = Required(input, "source_ref"),
            DedupeKey = Required(input, "dedupe_key"),
            Payload = input["payload"] as JsonObject ?? throw new SensorEventInputException($"payload: expected a JSON object, got {Got(input, "payload")}"),
            ProposedTask = Task(input["proposed_task"], configuredProfiles),
            ProposedWorkflow = workflow,
        };
    }

    private static ProposedWorkflow? Workflow(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject workflow)
        {
            throw new SensorEventInputException($"proposed_workflow: expected a JSON object, got {node.Describe()}");
        }

        var template = Required(workflow, "template", "proposed_workflow.");
        if (WorkflowTemplates.Find(template) is null)
        {
            throw new SensorEventInputException($"unknown workflow template: {template}");
        }

        var state = workflow["state"] is null ? null : Required(workflow, "state", "proposed_workflow.");
        var context = workflow["context"];
        if (context is not null and not JsonObject)
        {
            throw new SensorEventInputException($"proposed_workflow.context: expected a JSON object, got {context.Describe()}");
        }

        if (state is not null && WorkflowTemplates.Find(template)!.State(state) is null)
        {
            throw new SensorEventInputException($"proposed_workflow.state: unknown state {state} for workflow template {template}");
        }

        return new ProposedWorkflow(template, Required(workflow, "instance_key", "proposed_workflow."), state, context is null ? null : JsJson.Serialize(context));
    }

    private static TaskInput? Task(JsonNode? node, IReadOnlyCollection<string>? configuredProfiles)
    {
        if (node is null)
        {
            return null;
        }

        try
        {
            return TaskInputParser.Parse(node, configuredProfiles);
        }
        catch (TaskInputException ex)
        {
            throw new SensorEventInputException($"proposed_task.{ex.Message}", ex);
        }
    }

    private static DateTimeOffset? ObservedAt(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        return IsoTime.TryParse(text, out var observed)
            ? IsoTime.Truncate(observed)
            : throw new SensorEventInputException($"observed_at: expected a date such as 2026-04-29T10:00:00.000Z, got {JsJson.Serialize(node)}");
    }

    private static string Required(JsonObject input, string field, string prefix = "")
    {
        if (input[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0)
        {
            return value.GetValue<string>();
        }

        throw new SensorEventInputException($"{prefix}{field}: expected a non-empty string, got {Got(input, field)}");
    }

    private static string Got(JsonObject input, string field) => input.ContainsKey(field) ? input[field].Describe() : "nothing";
}
