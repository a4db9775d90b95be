using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Artifacts;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Outcomes;

/// <summary>Checks a claimed goal-loop task's input artifacts before execution (§5.5); only reads files.</summary>
internal static class InputArtifactVerifier
{
    /// <summary>
    /// The issues that reject the task (empty = proceed). Execute/verify phases need a clean plan at
    /// <c>proposal_artifact</c>; the verify phase also needs a clean report at <c>implementation_artifact</c>.
    /// Throws only on I/O failures other than a missing file.
    /// </summary>
    public static IReadOnlyList<string> Verify(JsonObject payload, string artifactDir)
    {
        var issues = new List<string>();
        var phase = PayloadReader.String(payload, "phase") ?? "";
        var proposal = PayloadReader.String(payload, "proposal_artifact");
        var implementation = PayloadReader.String(payload, "implementation_artifact");
        if (phase is "execute" or "verify" && !string.IsNullOrEmpty(proposal))
        {
            Check(issues, "proposal", proposal, artifactDir, ArtifactPollution.DetectInPlan);
        }

        if (phase == "verify" && !string.IsNullOrEmpty(implementation))
        {
            Check(issues, "implementation", implementation, artifactDir, ArtifactPollution.DetectInExecute);
        }

        return issues;
    }

    private static void Check(List<string> issues, string label, string raw, string artifactDir, Func<string, IReadOnlyList<string>> detect)
    {
        var content = ReadText(raw, artifactDir);
        if (content is null)
        {
            issues.Add($"{label} artifact missing from disk: {raw}");
            return;
        }

        var pollution = detect(content);
        if (pollution.Count > 0)
        {
            issues.Add($"{label} artifact polluted ({ManagedPaths.SanitizeS2(raw)}): {string.Join("; ", pollution)}");
        }
    }

    /// <summary>
    /// The artifact's text (UTF-8, a BOM kept as U+FEFF like Node), or null when it does not
    /// resolve or is not a regular file. (The reference crashes on a directory; here it counts as missing.)
    /// </summary>
    private static string? ReadText(string raw, string artifactDir)
    {
        var resolved = ManagedPaths.Resolve(raw, artifactDir);
        if (resolved is null || !File.Exists(resolved.FullPath))
        {
            return null;
        }

        return new UTF8Encoding(false).GetString(File.ReadAllBytes(resolved.FullPath));
    }
}
