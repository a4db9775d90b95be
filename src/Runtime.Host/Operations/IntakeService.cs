using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>Validates a task and queues it (spec §1.2, §5.13); a bad field throws <see cref="TaskInputException"/> and nothing is written.</summary>
internal sealed class IntakeService(RuntimeConfig config, ITaskQueue queue, TaskStoreOptions defaults, TimeProvider time)
{
    public async Task<IntakeResult> EnqueueAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        var task = TaskInputValidator.Validate(TaskInputParser.Parse(input, config.Profiles.Select(p => p.Key).ToList()), defaults, time.GetUtcNow());
        return IntakeResult.From(await queue.EnqueueAsync(task, cancellationToken).ConfigureAwait(false));
    }
}
