using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Sensors;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Operations;

/// <summary>Ingests a sensor event once (spec §1.2, §7.2); a bad field throws <see cref="SensorEventInputException"/>.</summary>
internal sealed class SensorService(RuntimeConfig config, TaskStore tasks, TimeProvider time)
{
    public SensorEventResult Ingest(JsonNode? input)
    {
        var parsed = SensorEventInputParser.Parse(input, config.ProfileIds);
        var workflows = new WorkflowOperations(new WorkflowStore(tasks, time), time, config.ProfileIds);
        if (parsed.ProposedWorkflow?.ContextJson is { } context && workflows.ProfileProblem(JsJson.Parse(context)) is { } problem)
        {
            throw new SensorEventInputException($"proposed_workflow.{problem}");
        }

        return new SensorEventIngest(tasks, workflows, time).Ingest(parsed);
    }

    /// <summary>The latest <paramref name="limit"/> sensor events, newest first.</summary>
    public IReadOnlyList<SensorEventRecord> ListRecent(int limit) => new SensorEventStore(tasks).ListRecent(limit);
}
