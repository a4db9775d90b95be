using AgentRuntime.Host.Dispatch.RetryHints;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class RetryHintTests
{
    private static RetryHint? Extract(string summary, string raw = "", string? service = null) =>
        RetryHintExtractor.Extract(DispatchFixtures.Blocked(summary, raw), service);

    [Fact]
    public void Aibtc_HeartbeatRateLimit_Hits() =>
        Assert.Equal(
            new RetryHint(19, "aibtc"),
            Extract("AIBTC heartbeat rejected: Rate limit exceeded. You can check in again in 19 seconds.", service: "aibtc"));

    [Theory]
    [InlineData("Too many requests; try again in 5s", 5)]
    [InlineData("throttled: RETRY in 7 second", 7)]
    public void Aibtc_Variants_Hit(string summary, double seconds) =>
        Assert.Equal(new RetryHint(seconds, "aibtc"), Extract(summary, service: "aibtc"));

    [Fact]
    public void Aibtc_SummaryWinsOverRaw() =>
        Assert.Equal(new RetryHint(3, "aibtc"), Extract("rate limit: retry in 3 seconds", "rate limit: retry in 9 seconds", "aibtc"));

    [Fact]
    public void Aibtc_RawUsedWhenSummaryHasNoNumber() =>
        Assert.Equal(new RetryHint(9, "aibtc"), Extract("rate limit hit", "check in again in 9 seconds", "aibtc"));

    [Fact]
    public void Aibtc_WithoutRateLimitWords_FallsToGeneric() =>
        Assert.Equal(new RetryHint(19, "generic"), Extract("Please check in again in 19 seconds; retry in 19 seconds", service: "aibtc"));

    [Fact]
    public void Aibtc_ZeroSeconds_IsMissThenGenericAlsoMisses() =>
        Assert.Null(Extract("rate limit: check in again in 0 seconds", service: "aibtc"));

    [Fact]
    public void Aibtc_UnitMustEndAtWordBoundary() =>
        Assert.Null(Extract("rate limit: check in again in 19 secondsx", service: "aibtc"));

    [Theory]
    [InlineData("Hiro API says retry after 12 seconds")]
    [InlineData("stacks-api: try again in 12s")]
    [InlineData("HTTP 429 from upstream. Retry-After: 12")]
    [InlineData("too many requests, wait 12 seconds before retrying")]
    public void Hiro_GatedGenericHit_IsRelabelled(string summary) =>
        Assert.Equal(new RetryHint(12, "hiro"), Extract(summary, service: "hiro"));

    [Fact]
    public void Hiro_WithoutMention_FallsToGeneric() =>
        Assert.Equal(new RetryHint(12, "generic"), Extract("upstream busy, retry in 12 seconds", service: "hiro"));

    [Theory]
    [InlineData("retry-after: 30", 30)]
    [InlineData("Retry-After=45s", 45)]
    [InlineData("retry-after 8 seconds", 8)]
    [InlineData("Retry after 10 seconds", 10)]
    [InlineData("retry in 4s.", 4)]
    [InlineData("Try again after 6 second", 6)]
    [InlineData("please wait 20s to continue", 20)]
    [InlineData("wait 3 seconds before next call", 3)]
    public void Generic_EachPattern_Hits(string summary, double seconds) =>
        Assert.Equal(new RetryHint(seconds, "generic"), Extract(summary));

    [Theory]
    [InlineData("retry in 10 minutes")]
    [InlineData("wait 5 seconds now")]
    [InlineData("retry-after: 0")]
    [InlineData("nothing here")]
    [InlineData("retry-after: 30x")]
    public void Generic_NonMatches_Miss(string summary) => Assert.Null(Extract(summary));

    [Fact]
    public void Generic_PatternOrder_BeatsTextOrder() =>
        Assert.Equal(new RetryHint(50, "generic"), Extract("try again in 40 seconds", "retry-after: 50"));

    [Fact]
    public void Generic_ZeroInFirstPattern_MovesToNextPattern() =>
        Assert.Equal(new RetryHint(7, "generic"), Extract("retry-after: 0; retry in 7 seconds"));

    [Fact]
    public void Generic_OnlyFirstOccurrenceOfAPatternCounts() =>
        Assert.Null(Extract("retry in 0 seconds, retry in 5 seconds"));

    [Fact]
    public void Structured_RetryAfterSeconds_WinsWithSourceFallbacks()
    {
        var outcome = DispatchFixtures.Blocked("retry in 5 seconds") with { RetryAfterSeconds = 90 };
        Assert.Equal(new RetryHint(90, "structured"), RetryHintExtractor.Extract(outcome, null));
        Assert.Equal(new RetryHint(90, "aibtc"), RetryHintExtractor.Extract(outcome, "aibtc"));
        Assert.Equal(new RetryHint(90, "custom"), RetryHintExtractor.Extract(outcome with { RetryHintSource = "custom" }, "aibtc"));
        Assert.Equal(new RetryHint(5, "generic"), RetryHintExtractor.Extract(outcome with { RetryAfterSeconds = 0 }, null));
    }

    [Fact]
    public void UnknownService_FallsToGeneric() =>
        Assert.Equal(new RetryHint(5, "generic"), Extract("retry in 5 seconds", service: "mystery"));

    [Fact]
    public void GenericService_Hits() =>
        Assert.Equal(new RetryHint(5, "generic"), Extract("x", "try again in 5 seconds", "generic"));

    [Fact]
    public void Generic_NonAsciiDigits_DoNotMatch() =>
        Assert.Null(Extract("retry in \u0661\u0662 seconds"));
}
