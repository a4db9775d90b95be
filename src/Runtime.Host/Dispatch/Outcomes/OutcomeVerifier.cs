using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentRuntime.Host.Dispatch.Artifacts;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Outcomes;

/// <summary>Checks the evidence a <c>completed</c> outcome claims against the disk (§5.14.3, <c>verifyCompletedTaskOutcome</c>).</summary>
internal static partial class OutcomeVerifier
{
    /// <summary>Appendix A.5: text that shows the model echoed its prompt.</summary>
    public static IReadOnlyList<string> PromptEchoMarkers { get; } =
        ["Respond in JSON with keys:", "\"task\":\"explain_changes\"", "Task kind:", "Task payload:"];

    /// <summary>
    /// The issues, in check order 1–7 (empty = verified). Outcomes other than <c>completed</c>
    /// always pass. <paramref name="workingDirectory"/> is the process working directory, against
    /// which out-of-root duplicates and non-managed absolute claims are looked up.
    /// </summary>
    public static IReadOnlyList<string> Verify(CanonicalOutcome outcome, JsonObject payload, string artifactDir, string workingDirectory)
    {
        var issues = new List<string>();
        if (outcome.Status != OutcomeStatuses.Completed)
        {
            return issues;
        }

        var raw = outcome.RawOutput ?? "";
        if (IsPromptEcho(outcome.OperatorSummary) || IsPromptEcho(raw))
        {
            issues.Add("model returned prompt/context echo instead of a task result");
        }

        if (outcome.MachineStatus != OutcomeStatuses.MachineOk)
        {
            issues.Add($"completed outcome reported non-ok machine_status: {outcome.MachineStatus}");
        }

        if (BlockedLanguage.Matches(outcome.OperatorSummary) || BlockedLanguage.Matches(raw))
        {
            issues.Add("completed outcome text indicates execution was blocked");
        }

        var declared = DeclaredArtifacts(payload);
        foreach (var path in declared)
        {
            var resolved = ManagedPaths.Resolve(path, artifactDir);
            if (resolved is null || !File.Exists(resolved.FullPath))
            {
                issues.Add($"declared artifact missing: {path}");
                continue;
            }

            var outside = NodePath.Normalize(Path.GetFullPath(resolved.RelativePath, workingDirectory));
            if (outside != resolved.FullPath && File.Exists(outside))
            {
                issues.Add($"declared artifact also exists outside managed artifact root: {path}");
            }
        }

        var artifactPaths = outcome.ArtifactPaths ?? [];
        if (declared.Count > 0 && artifactPaths.Count == 0)
        {
            issues.Add("task declared artifacts but outcome recorded no artifact paths");
        }

        foreach (var path in artifactPaths)
        {
            var resolved = ManagedPaths.Resolve(path, artifactDir);
            if (resolved is null || !File.Exists(resolved.FullPath))
            {
                issues.Add($"outcome artifact path is not a managed on-disk artifact: {path}");
            }
        }

        foreach (var change in outcome.FileChanges ?? [])
        {
            if (ClaimedPath(change) is { } claimed && !ClaimedPathExists(claimed, artifactDir, workingDirectory))
            {
                issues.Add($"claimed file change missing from filesystem: {claimed}");
            }
        }

        return issues;
    }

    /// <summary>Raw (unsanitized) non-blank declared paths, de-duplicated: the direct keys, then <c>required_artifacts</c>.</summary>
    public static IReadOnlyList<string> DeclaredArtifacts(JsonObject payload)
    {
        string[] keys = ["output_path", "checklist_path", "proposal_artifact", "implementation_artifact", "verification_artifact"];
        return keys.Select(key => PayloadReader.String(payload, key))
            .Concat(PayloadReader.Strings(payload, "required_artifacts"))
            .Where(JsText.IsNonBlank)
            .Select(s => s!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The path a <c>file_changes</c> entry claims: label (<c>created:</c> …) stripped, cut at the first
    /// <c> - </c> separator; null when it has no <c>/</c> or <c>\</c> (sentinels like <c>created</c>).
    /// </summary>
    public static string? ClaimedPath(string entry)
    {
        var withoutLabel = ChangeLabel().Replace(JsText.Trim(entry), "", 1);
        var candidate = JsText.Trim(DescriptionSeparator().Split(withoutLabel, 2)[0]);
        return candidate.Contains('/', StringComparison.Ordinal) || candidate.Contains('\\', StringComparison.Ordinal) ? candidate : null;
    }

    private static bool ClaimedPathExists(string claimed, string artifactDir, string workingDirectory)
    {
        var managed = ManagedPaths.Resolve(claimed, artifactDir);
        return File.Exists(managed?.FullPath ?? Path.GetFullPath(claimed, workingDirectory));
    }

    private static bool IsPromptEcho(string text)
    {
        var sample = JsText.Trim(text);
        return sample.Length > 0 && PromptEchoMarkers.Any(m => sample.Contains(m, StringComparison.Ordinal));
    }

    [GeneratedRegex("^(?:created|modified|updated|deleted):" + JsText.S + "*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChangeLabel();

    [GeneratedRegex(JsText.S + "+-" + JsText.S + "+")]
    private static partial Regex DescriptionSeparator();
}
