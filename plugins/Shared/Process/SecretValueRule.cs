namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Which values are worth masking. Values of fewer than <see cref="MinimumLength"/> characters,
/// blank values and a few trivial words (<c>true</c>, <c>false</c>, <c>null</c>, <c>none</c>) are
/// never masked: a one- or two-character "secret" would turn every occurrence of that text in every
/// log into <c>***</c> while protecting nothing (GitLab refuses to mask values under 8 characters
/// for the same reason; this rule is looser so that short tokens are still covered).
/// </summary>
internal static class SecretValueRule
{
    public const int MinimumLength = 4;

    private static readonly HashSet<string> Trivial = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "null", "none", "undefined" };

    public static bool IsMaskable(string value) =>
        value.Length >= MinimumLength && !string.IsNullOrWhiteSpace(value) && !Trivial.Contains(value.Trim());
}
