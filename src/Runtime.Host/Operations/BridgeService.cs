using System.Text.Json.Nodes;
using AgentRuntime.Host.Bridges;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Maps a GitHub or Discord event to a Lumen task and queues it (spec §7.6; no network I/O). A
/// missing or mistyped field throws <see cref="BridgeInputException"/>.
/// </summary>
/// <param name="queue">Where the task goes.</param>
/// <param name="defaults">The queue defaults the task is validated with.</param>
/// <param name="time">The enqueue clock.</param>
/// <param name="configuredProfiles">When given, the bridge's profile must be one of these: a task for another one was queued and then blocked when claimed.</param>
internal sealed class BridgeService(ITaskQueue queue, TaskStoreOptions defaults, TimeProvider time, IReadOnlyCollection<string>? configuredProfiles = null)
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
        var validated = TaskInputValidator.Validate(input, defaults, time.GetUtcNow());
        if (configuredProfiles is not null && !configuredProfiles.Contains(validated.RequestedProfile))
        {
            throw new TaskInputException("requested_profile", TaskInputParser.UnknownProfile(validated.RequestedProfile, configuredProfiles));
        }

        var task = await queue.EnqueueAsync(validated, cancellationToken).ConfigureAwait(false);
        return new BridgeResult(bridge, task.TaskId, task.RequestedProfile);
    }
}
