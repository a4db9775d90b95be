using System.Text.RegularExpressions;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.RetryHints;

/// <summary>Generic "retry after N seconds" phrasing (§5.12): four patterns tried in order on summary + raw output.</summary>
internal static partial class GenericHintParser
{
    private const RegexOptions I = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const string Unit = "(?:seconds?|s)";

    public static RetryHint? Parse(CanonicalOutcome outcome)
    {
        var haystack = $"{outcome.OperatorSummary}\n{outcome.RawOutput ?? ""}";
        Regex[] patterns = [RetryAfterHeader(), RetryIn(), TryAgainIn(), WaitBefore()];
        foreach (var pattern in patterns)
        {
            // Only the first occurrence of each pattern counts; a zero there moves on to the next pattern.
            if (HintNumber.Positive(pattern.Match(haystack)) is { } seconds)
            {
                return new RetryHint(seconds, "generic");
            }
        }

        return null;
    }

    [GeneratedRegex("retry-after[:=" + JsText.WhitespaceClass + "]+([0-9]+)" + JsText.S + "*" + Unit + "?" + JsText.B, I)]
    private static partial Regex RetryAfterHeader();

    [GeneratedRegex("retry" + JsText.S + "+(?:in|after)" + JsText.S + "+([0-9]+)" + JsText.S + "*" + Unit + JsText.B, I)]
    private static partial Regex RetryIn();

    [GeneratedRegex("try" + JsText.S + "+again" + JsText.S + "+(?:in|after)" + JsText.S + "+([0-9]+)" + JsText.S + "*" + Unit + JsText.B, I)]
    private static partial Regex TryAgainIn();

    [GeneratedRegex("wait" + JsText.S + "+([0-9]+)" + JsText.S + "*" + Unit + JsText.S + "+(?:before|to)", I)]
    private static partial Regex WaitBefore();
}
