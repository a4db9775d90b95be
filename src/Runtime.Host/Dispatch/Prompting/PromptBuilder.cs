using System.Globalization;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch.Artifacts;
using AgentRuntime.Host.Dispatch.Text;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Dispatch.Prompting;

/// <summary>Assembles the prompt sent to the adapter (§5.8), byte-compatible with the reference runtime.</summary>
internal static class PromptBuilder
{
    private const int PayloadLimit = 4000;
    private const string TruncatedMarker = "\n[truncated]\n";

    /// <summary>
    /// The prompt: lines joined by <c>\n</c>, cut to <c>context_policy.max_prompt_chars</c> UTF-16
    /// units (no marker; no cut when the profile sets none). Reads the disk only for the goal-loop
    /// "latest verification" lookup. Does not throw for well-formed inputs.
    /// </summary>
    public static string Build(RuntimeConfig config, Profile profile, TaskRecord task)
    {
        var payload = task.Payload;
        var lines = new List<string>
        {
            config.RuntimePolicy,
            "",
            $"Profile: {TemplateValue(profile.Document, "profile_id")} ({TemplateValue(profile.Document, "style")})",
            $"Role: {TemplateValue(profile.Document, "role")}",
            "",
            "Profile directives:",
        };
        lines.AddRange(profile.SystemPromptParts.Select(part => $"- {part}"));
        lines.Add("");
        lines.Add($"Task kind: {task.Kind}");
        lines.Add($"Task source: {task.Source}");
        lines.Add($"Task priority: {task.Priority.ToString(CultureInfo.InvariantCulture)}");
        lines.Add($"Task subject: {task.Subject ?? "unspecified"}");
        lines.Add($"Task description: {task.Description ?? "none"}");
        lines.Add("");
        var skills = profile.Skills.Concat(PayloadReader.NonBlankStrings(payload, "phase_skills")).Distinct(StringComparer.Ordinal).ToList();
        lines.Add($"Skills: {(skills.Count > 0 ? string.Join(", ", skills) : "none")}");
        lines.Add("");
        lines.AddRange(PromptTexts.StyleBlock(profile.Style));
        lines.AddRange(PromptTexts.TaskBlock(task.Kind, DeclaredPaths(payload)));
        lines.AddRange(GoalLoopSection.Lines(config.ArtifactDir, payload));
        lines.Add("Task payload:");
        lines.Add(PayloadBlock(payload));
        lines.Add("");
        lines.Add(PromptTexts.ClosingLine);

        var prompt = string.Join('\n', lines);
        return profile.MaxPromptChars is { } max ? JsText.Slice(prompt, max) : prompt;
    }

    /// <summary>The payload as two-space pretty JSON; over 4000 units it keeps 3984 and appends <c>\n[truncated]\n</c>.</summary>
    public static string PayloadBlock(JsonObject payload)
    {
        var json = JsJson.Serialize(payload, pretty: true);
        return json.Length <= PayloadLimit ? json : json[..(PayloadLimit - 16)] + TruncatedMarker;
    }

    /// <summary>Relative paths of the declared artifact references (not <c>artifact_paths</c>), de-duplicated in order.</summary>
    public static IReadOnlyList<string> DeclaredPaths(JsonObject payload) =>
        ArtifactReferences.Collect(payload).Where(r => r.IsDeclared).Select(r => r.RelativePath).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A profile field as a JavaScript template literal shows it (<c>undefined</c> when absent).</summary>
    private static string TemplateValue(JsonObject document, string name)
    {
        if (!document.TryGetPropertyValue(name, out var node))
        {
            return "undefined";
        }

        return node switch
        {
            null => "null",
            JsonValue value when PayloadReader.String(value) is { } s => s,
            JsonValue value when PayloadReader.Number(value) is { } n => JsJson.FormatNumber(n),
            JsonValue value => JsJson.Serialize(value),
            JsonArray array => string.Join(",", array.Select(e => e is null ? "" : PayloadReader.String(e) ?? JsJson.Serialize(e))),
            _ => "[object Object]",
        };
    }
}
