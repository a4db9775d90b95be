using System.Text.RegularExpressions;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Outcomes;

/// <summary>Goal-loop artifact hygiene (§5.5): content that does not belong in a plan or an execute report.</summary>
internal static partial class ArtifactPollution
{
    private const int SampleLength = 4000;
    private const RegexOptions I = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Issues found in a plan (proposal) artifact's text, in the reference order.</summary>
    public static IReadOnlyList<string> DetectInPlan(string content)
    {
        var sample = JsText.Slice(content, SampleLength);
        var line = FirstNonEmptyLine(sample);
        var heading = line.ToLowerInvariant();
        var issues = new List<string>();
        if (VerifyHeading().IsMatch(heading))
        {
            issues.Add($"heading indicates verification content ({line})");
        }

        if (ExecuteHeading().IsMatch(heading))
        {
            issues.Add($"heading indicates execution content ({line})");
        }

        if (KindGoalVerify().IsMatch(sample))
        {
            issues.Add("artifact metadata identifies a goal verification task");
        }

        if (KindGoalExecute().IsMatch(sample))
        {
            issues.Add("artifact metadata identifies a goal execute task");
        }

        if (PhaseVerification().IsMatch(sample))
        {
            issues.Add("artifact payload phase is verification, not plan");
        }

        if (PhaseExecute().IsMatch(sample))
        {
            issues.Add("artifact payload phase is execute, not plan");
        }

        if (StatusBlocked().IsMatch(sample) || PermissionElevation().IsMatch(sample) || GrantElevatedSandbox().IsMatch(sample))
        {
            issues.Add("artifact body contains blocker/escalation narrative instead of a clean plan");
        }

        return issues;
    }

    /// <summary>Issues found in an execute (implementation) artifact's text, in the reference order.</summary>
    public static IReadOnlyList<string> DetectInExecute(string content)
    {
        var sample = JsText.Slice(content, SampleLength);
        var line = FirstNonEmptyLine(sample);
        var issues = new List<string>();
        if (VerifyHeading().IsMatch(line.ToLowerInvariant()))
        {
            issues.Add($"heading indicates verification content ({line})");
        }

        if (KindGoalVerify().IsMatch(sample) || JsonKindGoalVerify().IsMatch(sample))
        {
            issues.Add("artifact metadata identifies a goal verification task");
        }

        if (PhaseVerification().IsMatch(sample))
        {
            issues.Add("artifact payload phase is verification, not execute");
        }

        return issues;
    }

    /// <summary>The first line (after CRLF → LF) with non-whitespace content, trimmed; empty when none.</summary>
    private static string FirstNonEmptyLine(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var trimmed = JsText.Trim(line);
            if (trimmed.Length > 0)
            {
                return trimmed;
            }
        }

        return "";
    }

    // The heading patterns run on lower-cased text without the i flag, as in the reference.
    [GeneratedRegex("^#" + JsText.S + "*(?:verify|verification)" + JsText.B)]
    private static partial Regex VerifyHeading();

    [GeneratedRegex("^#" + JsText.S + "*execute" + JsText.B)]
    private static partial Regex ExecuteHeading();

    [GeneratedRegex("- Kind:" + JsText.S + "*goal-verify-", I)]
    private static partial Regex KindGoalVerify();

    [GeneratedRegex("- Kind:" + JsText.S + "*goal-execute" + JsText.B, I)]
    private static partial Regex KindGoalExecute();

    [GeneratedRegex("\"kind\"" + JsText.S + "*:" + JsText.S + "*\"goal-verify-", I)]
    private static partial Regex JsonKindGoalVerify();

    [GeneratedRegex("\"phase\"" + JsText.S + "*:" + JsText.S + "*\"verify-(?:plan|execute)\"", I)]
    private static partial Regex PhaseVerification();

    [GeneratedRegex("\"phase\"" + JsText.S + "*:" + JsText.S + "*\"execute\"", I)]
    private static partial Regex PhaseExecute();

    [GeneratedRegex(@"\*\*status:" + JsText.S + @"*blocked\*\*", I)]
    private static partial Regex StatusBlocked();

    [GeneratedRegex("permission elevation required", I)]
    private static partial Regex PermissionElevation();

    [GeneratedRegex("grant elevated sandbox", I)]
    private static partial Regex GrantElevatedSandbox();
}
