using System.Text.RegularExpressions;
using AgentRuntime.Host.Dispatch.Outcomes;

namespace AgentRuntime.Host.Dispatch.RetryHints;

/// <summary>Hiro / Stacks API rate limits (§5.12): the generic patterns, gated on a Hiro or HTTP 429 mention.</summary>
internal static partial class HiroHintParser
{
    private const RegexOptions I = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static RetryHint? Parse(CanonicalOutcome outcome)
    {
        var haystack = $"{outcome.OperatorSummary}\n{outcome.RawOutput ?? ""}";
        if (!HiroMention().IsMatch(haystack) && !TooManyRequests().IsMatch(haystack))
        {
            return null;
        }

        return GenericHintParser.Parse(outcome) is { } hint ? hint with { Source = "hiro" } : null;
    }

    [GeneratedRegex(@"hiro|stacks-api|api\.hiro", I)]
    private static partial Regex HiroMention();

    [GeneratedRegex("429|too many requests", I)]
    private static partial Regex TooManyRequests();
}
