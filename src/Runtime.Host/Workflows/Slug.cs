using System.Text.RegularExpressions;

namespace AgentRuntime.Host.Workflows;

/// <summary>The templates' slug helper (spec §7.4).</summary>
internal static partial class Slug
{
    /// <summary>Lower-case; every run outside <c>a-z0-9</c> becomes <c>-</c>; leading/trailing <c>-</c> trimmed; empty → <paramref name="fallback"/>.</summary>
    public static string Make(string text, string fallback)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = NonAlphanumeric().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 0 ? slug : fallback;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}
