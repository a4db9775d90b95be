using System.Text.RegularExpressions;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.RetryHints;

/// <summary>AIBTC heartbeat rate limits (§5.12): "… check in again in 19 seconds."</summary>
internal static partial class AibtcHintParser
{
    private const RegexOptions I = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static RetryHint? Parse(CanonicalOutcome outcome)
    {
        var summary = outcome.OperatorSummary;
        var raw = outcome.RawOutput ?? "";
        if (!RateLimited().IsMatch(summary) && !RateLimited().IsMatch(raw))
        {
            return null;
        }

        var match = Seconds().Match(summary);
        if (!match.Success)
        {
            match = Seconds().Match(raw);
        }

        return HintNumber.Positive(match) is { } seconds ? new RetryHint(seconds, "aibtc") : null;
    }

    [GeneratedRegex("rate limit|too many requests|throttl", I)]
    private static partial Regex RateLimited();

    [GeneratedRegex("(?:check in again|try again|retry)" + JsText.S + "+in" + JsText.S + "+([0-9]+)" + JsText.S + "*(?:seconds?|s)" + JsText.B, I)]
    private static partial Regex Seconds();
}
