using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;

namespace AgentRuntime.Host.Profiles;

/// <summary>A profile document (<c>profiles/&lt;id&gt;/profile.json</c>, spec §4.7), loaded fresh for every dispatch.</summary>
internal sealed record Profile
{
    public required string Path { get; init; }

    /// <summary>The whole document as loaded.</summary>
    public required JsonObject Document { get; init; }

    public string? ProfileId => Document.GetString("profile_id");

    public string? Style => Document.GetString("style");

    public string? Role => Document.GetString("role");

    public string? DefaultAdapter => Document.GetString("default_adapter");

    public IReadOnlyList<string> SystemPromptParts => Strings("system_prompt_parts");

    public IReadOnlyList<string> Skills => Strings("skills");

    /// <summary><c>context_policy.max_prompt_chars</c>, when set.</summary>
    public int? MaxPromptChars =>
        Document["context_policy"] is JsonObject policy && policy.GetNumber("max_prompt_chars") is { } max ? (int)max : null;

    private IReadOnlyList<string> Strings(string name) =>
        Document[name] is JsonArray array
            ? array.Where(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>()).ToList()
            : [];
}
