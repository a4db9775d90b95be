using AgentRuntime.Host.Dispatch.Outcomes;

namespace AgentRuntime.Host.Dispatch.RetryHints;

/// <summary>Finds a rate-limit retry hint in a <c>blocked</c> outcome (§5.12).</summary>
internal static class RetryHintExtractor
{
    /// <summary>
    /// Resolution order: a structured <c>retry_after_seconds</c> &gt; 0; then the parser named by
    /// <paramref name="service"/> (<c>aibtc</c>, <c>hiro</c>, <c>generic</c>) when it hits; then the
    /// generic parser. Unknown service names fall through to generic. Null when nothing matches.
    /// </summary>
    public static RetryHint? Extract(CanonicalOutcome outcome, string? service)
    {
        if (outcome.RetryAfterSeconds is double after && after > 0)
        {
            return new RetryHint(after, outcome.RetryHintSource ?? service ?? "structured");
        }

        var hit = service switch
        {
            "aibtc" => AibtcHintParser.Parse(outcome),
            "hiro" => HiroHintParser.Parse(outcome),
            "generic" => GenericHintParser.Parse(outcome),
            _ => null,
        };
        return hit ?? GenericHintParser.Parse(outcome);
    }
}
