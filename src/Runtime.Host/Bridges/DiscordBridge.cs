using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using static AgentRuntime.Host.Bridges.BridgeFields;

namespace AgentRuntime.Host.Bridges;

/// <summary>Maps a Discord event file to a <c>discord-reply</c> task for Lumen (spec §7.6). No network I/O.</summary>
internal static class DiscordBridge
{
    public const string Profile = "lumen";

    /// <exception cref="BridgeInputException">A required field is missing or mistyped.</exception>
    public static TaskInput Map(JsonNode? node)
    {
        var input = Event(node);
        return new TaskInput
        {
            Kind = "discord-reply",
            Source = "discord-bridge",
            Priority = 6,
            RequestedProfile = Profile,
            Payload = new JsonObject
            {
                ["channel"] = Required(input, "channel", JsonValueKind.String),
                ["author"] = Required(input, "author", JsonValueKind.String),
                ["message"] = Required(input, "message", JsonValueKind.String),
                ["reply_style"] = Optional(input, "reply_style", "short"),
                ["operator_goal"] = Optional(input, "operator_goal", "Draft a concise Discord reply."),
            },
        };
    }
}
