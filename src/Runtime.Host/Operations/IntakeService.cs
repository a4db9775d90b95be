using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>Validates a task and queues it (spec §1.2, §5.13); a bad field throws <see cref="TaskInputException"/> and nothing is written.</summary>
internal sealed class IntakeService(RuntimeConfig config, TaskStore tasks)
{
    public IntakeResult Enqueue(JsonNode? input)
    {
        var task = TaskInputParser.Parse(input, config.Profiles.Select(p => p.Key).ToList());
        return IntakeResult.From(tasks.Enqueue(task));
    }
}
