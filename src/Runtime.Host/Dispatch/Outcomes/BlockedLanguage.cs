using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Outcomes;

/// <summary>Detects text saying that execution was blocked (§5.10 step 5, Appendix A.4).</summary>
internal static class BlockedLanguage
{
    /// <summary>The 21 lower-case substrings of Appendix A.4, in the reference order.</summary>
    public static IReadOnlyList<string> Substrings { get; } =
    [
        "bwrap: loopback: failed rtm_newaddr: operation not permitted",
        "sandbox blocked",
        "sandbox restriction",
        "sandbox restrictions",
        "sandbox blocked all shell commands",
        "sandbox blocked all shell commands and file operations",
        "blocked by sandbox",
        "unable to read the approved plan",
        "grant elevated sandbox",
        "elevate sandbox permissions",
        "permission escalation required",
        "permission elevation required",
        "provide repository contents directly",
        "permission elevation to proceed",
        "all shell attempts are blocked",
        "cannot complete the execution verification loop",
        "without sandbox access",
        "cannot verify the actual runtime behavior",
        "blocked_pending_operator_action",
        "environment prevented execution",
        "environmental blocker",
    ];

    /// <summary>True when the trimmed, lower-cased text contains any of <see cref="Substrings"/>.</summary>
    public static bool Matches(string? text)
    {
        if (text is null)
        {
            return false;
        }

        var sample = JsText.Trim(text).ToLowerInvariant();
        return sample.Length > 0 && Substrings.Any(s => sample.Contains(s, StringComparison.Ordinal));
    }
}
