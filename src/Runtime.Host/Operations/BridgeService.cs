using System.Text.Json.Nodes;
using AgentRuntime.Host.Bridges;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Maps a GitHub or Discord event to a Lumen task and queues it (spec §7.6; no network I/O). A
/// missing or mistyped field throws <see cref="BridgeInputException"/>.
/// </summary>
internal sealed class BridgeService(TaskStore tasks)
{
    public const string GitHub = "github";

    public const string Discord = "discord";

    public BridgeResult Queue(string bridge, JsonNode? evt)
    {
        var input = bridge switch
        {
            GitHub => GitHubBridge.Map(evt),
            Discord => DiscordBridge.Map(evt),
            _ => throw new ArgumentOutOfRangeException(nameof(bridge), bridge, "unknown bridge"),
        };
        var task = tasks.Enqueue(input);
        return new BridgeResult(bridge, task.TaskId, task.RequestedProfile);
    }
}
