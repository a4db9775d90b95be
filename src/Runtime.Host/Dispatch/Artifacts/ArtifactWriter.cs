using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Dispatch.Text;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Dispatch.Artifacts;

/// <summary>Runtime-written artifacts for completed outcomes (§5.14.2, <c>writeArtifactIfNeeded</c>).</summary>
internal static class ArtifactWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes the Markdown wrapper to every target of <paramref name="task"/> when the outcome is
    /// <c>completed</c>, replacing whatever is there, and returns the absolute paths written (in
    /// target order). Throws <see cref="IOException"/>/<see cref="UnauthorizedAccessException"/>
    /// when a target cannot be written (e.g. it is a directory).
    /// </summary>
    public static IReadOnlyList<string> Write(string artifactDir, TaskRecord task, CanonicalOutcome outcome)
    {
        if (outcome.Status != OutcomeStatuses.Completed)
        {
            return [];
        }

        var targets = Targets(task);
        if (targets.Count == 0)
        {
            return [];
        }

        var content = Render(task, outcome);
        var written = new List<string>();
        foreach (var relative in targets)
        {
            var full = NodePath.Join(artifactDir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content, Utf8NoBom);
            written.Add(full);
        }

        return written;
    }

    /// <summary>The S1-sanitized relative target paths, by the spec's primary-target rules.</summary>
    public static IReadOnlyList<string> Targets(TaskRecord task)
    {
        var payload = task.Payload;

        // `output_path ?? checklist_path`: a string output_path wins even when it sanitizes to empty.
        var content = PayloadReader.String(payload, "output_path") ?? PayloadReader.String(payload, "checklist_path");
        if (content is not null && ManagedPaths.SanitizeS1(content) is { Length: > 0 } contentPath)
        {
            return [contentPath];
        }

        var proposal = Sanitized(payload, "proposal_artifact");
        var implementation = Sanitized(payload, "implementation_artifact");
        var verification = Sanitized(payload, "verification_artifact");
        var byKind = task.Kind switch
        {
            "goal-plan" => proposal,
            "goal-execute" => implementation,
            "goal-verify" or "goal-verify-plan" or "goal-verify-execute" => verification,
            _ => null,
        };
        if (byKind is not null)
        {
            return [byKind];
        }

        return new[] { proposal, implementation, verification }.OfType<string>().ToList();
    }

    /// <summary>The Markdown wrapper, lines joined by <c>\n</c> and ending with a newline.</summary>
    public static string Render(TaskRecord task, CanonicalOutcome outcome)
    {
        string[] lines =
        [
            $"# {task.Subject ?? task.Kind}",
            "",
            $"- Task ID: {task.TaskId}",
            $"- Kind: {task.Kind}",
            $"- Source: {task.Source}",
            $"- Updated: {IsoTime.ToIso(task.UpdatedAt)}",
            "",
            "## Summary",
            "",
            outcome.OperatorSummary.Length > 0 ? outcome.OperatorSummary : "No summary returned.",
            "",
            "## Payload",
            "",
            "```json",
            JsJson.Serialize(task.Payload, pretty: true),
            "```",
            "",
            "## Raw Output",
            "",
            "```json",
            outcome.RawOutput ?? "",
            "```",
            "",
        ];
        return string.Join('\n', lines);
    }

    private static string? Sanitized(JsonObject payload, string name) =>
        PayloadReader.String(payload, name) is { } value && ManagedPaths.SanitizeS1(value) is { Length: > 0 } sanitized ? sanitized : null;
}
