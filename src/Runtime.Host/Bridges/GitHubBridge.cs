using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using static AgentRuntime.Host.Bridges.BridgeFields;

namespace AgentRuntime.Host.Bridges;

/// <summary>Maps a GitHub event file to a <c>github-story</c> task for Lumen (spec §7.6). No network I/O.</summary>
internal static class GitHubBridge
{
    public const string Profile = "lumen";

    /// <exception cref="BridgeInputException">A required field is missing or mistyped.</exception>
    public static TaskInput Map(JsonNode? node)
    {
        var input = Event(node);
        return new TaskInput
        {
            Kind = "github-story",
            Source = "github-bridge",
            Priority = 7,
            RequestedProfile = Profile,
            Payload = new JsonObject
            {
                ["repository"] = Required(input, "repository", JsonValueKind.String),
                ["title"] = Required(input, "title", JsonValueKind.String),
                ["number"] = Required(input, "number", JsonValueKind.Number),
                ["author"] = Required(input, "author", JsonValueKind.String),
                ["url"] = Required(input, "url", JsonValueKind.String),
                ["merged"] = Optional(input, "merged", false),
                ["summary"] = Optional(input, "summary", ""),
                ["operator_question"] = Optional(input, "operator_question", "Explain what changed and why it matters."),
            },
        };
    }
}
