using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentRuntime.Host.Dispatch.RetryHints;

/// <summary>Reads the seconds a hint pattern captured, base 10; non-positive values are misses.</summary>
internal static class HintNumber
{
    public static double? Positive(Match match)
    {
        if (!match.Success)
        {
            return null;
        }

        // Digits only (ASCII), so the value is an exact integer; very long runs saturate like parseInt.
        var seconds = double.Parse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        return seconds > 0 && double.IsFinite(seconds) ? seconds : null;
    }
}
