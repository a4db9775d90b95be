using System.Globalization;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Artifacts;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Prompting;

/// <summary>The goal-loop block of the prompt (§5.8 step 15, Appendix A.3); reads the disk for the latest verification report.</summary>
internal static class GoalLoopSection
{
    private const string PlanSuffix = "-plan.md";

    public static IReadOnlyList<string> Lines(string artifactDir, JsonObject payload)
    {
        if (PayloadReader.NonBlank(payload, "phase") is not { } phase)
        {
            return [];
        }

        var scope = PayloadReader.NonBlankStrings(payload, "scope");
        var lines = new List<string>
        {
            "Workflow context:",
            $"- Phase: {phase}",
            $"- Objective: {PayloadReader.NonBlank(payload, "objective") ?? "workflow goal"}",
            $"- Scope: {(scope.Count > 0 ? string.Join(", ", scope) : "none declared")}",
            $"- Artifact root on disk: {artifactDir}",
            "",
        };
        var proposal = PayloadReader.NonBlank(payload, "proposal_artifact");
        var iteration = Iteration(payload);
        switch (phase)
        {
            case "execute":
                lines.AddRange(PromptTexts.ExecutionGuidance);
                AddReference(lines, artifactDir, "Approved plan artifact", proposal);
                AddReference(lines, artifactDir, "Latest verification artifact", LatestVerification(artifactDir, proposal, iteration));
                break;
            case "verify":
                lines.AddRange(PromptTexts.VerificationGuidance);
                AddReference(lines, artifactDir, "Approved plan artifact", proposal);
                AddReference(lines, artifactDir, "Latest execute artifact", PayloadReader.NonBlank(payload, "implementation_artifact"));
                AddReference(lines, artifactDir, "Latest verification artifact", LatestVerification(artifactDir, proposal, iteration));
                break;
        }

        return lines;
    }

    /// <summary>
    /// <c>reports/&lt;base&gt;-verify-&lt;k&gt;.md</c> for the highest k below the current iteration that
    /// exists under the artifact root (a directory counts, as with Node's <c>existsSync</c>); null when none.
    /// </summary>
    public static string? LatestVerification(string artifactDir, string? proposal, long iteration)
    {
        if (BaseName(proposal) is not { } baseName)
        {
            return null;
        }

        for (var k = iteration - 1; k >= 1; k--)
        {
            var candidate = $"reports/{baseName}-verify-{k.ToString(CultureInfo.InvariantCulture)}.md";
            var full = NodePath.Join(artifactDir, ManagedPaths.SanitizeS1(candidate));
            if (File.Exists(full) || Directory.Exists(full))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The plan's file name without <c>-plan.md</c>; null when it does not end so (or nothing is left).</summary>
    public static string? BaseName(string? proposal)
    {
        if (proposal is null)
        {
            return null;
        }

        var fileName = proposal[(proposal.LastIndexOf('/') + 1)..];
        return fileName.EndsWith(PlanSuffix, StringComparison.Ordinal) && fileName.Length > PlanSuffix.Length
            ? fileName[..^PlanSuffix.Length]
            : null;
    }

    /// <summary><c>payload.iteration</c> floored when a positive finite number, else 1.</summary>
    private static long Iteration(JsonObject payload) =>
        PayloadReader.Number(payload, "iteration") is double n && double.IsFinite(n) && n > 0 ? (long)Math.Floor(n) : 1;

    private static void AddReference(List<string> lines, string artifactDir, string title, string? path)
    {
        if (path is null)
        {
            return;
        }

        var relative = ManagedPaths.SanitizeS1(path);
        lines.Add($"{title}: {relative}");
        if (relative.Length > 0)
        {
            lines.Add($"- On disk: {NodePath.Join(artifactDir, relative)}");
        }

        lines.Add("");
    }
}
