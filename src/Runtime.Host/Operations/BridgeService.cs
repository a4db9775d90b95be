using System.Text.Json.Nodes;
using AgentRuntime.Host.Bridges;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Maps a GitHub or Discord event to a Lumen task and queues it (spec §7.6; no network I/O). A
/// missing or mistyped field throws <see cref="BridgeInputException"/>.
/// </summary>
internal sealed class BridgeService(ITaskQueue queue, TaskStoreOptions defaults, TimeProvider time)
{
    public const string GitHub = "github";

    public const string Discord = "discord";

    public async Task<BridgeResult> QueueAsync(string bridge, JsonNode? evt, CancellationToken cancellationToken)
    {
        var input = bridge switch
        {
            GitHub => GitHubBridge.Map(evt),
            Discord => DiscordBridge.Map(evt),
            _ => throw new ArgumentOutOfRangeException(nameof(bridge), bridge, "unknown bridge"),
        };
        var task = await queue.EnqueueAsync(TaskInputValidator.Validate(input, defaults, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new BridgeResult(bridge, task.TaskId, task.RequestedProfile);
    }
}
