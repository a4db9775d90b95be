using System.Text.RegularExpressions;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Artifacts;

/// <summary>The spec's path sanitizers and managed-artifact resolution (§5.14.1).</summary>
internal static partial class ManagedPaths
{
    /// <summary>
    /// S1 (prompt, bundle, artifact writer): drop leading <c>/</c>s, then a leading
    /// <c>state/artifacts/</c> (with following slashes), delete every <c>..</c>, trim.
    /// </summary>
    public static string SanitizeS1(string value)
    {
        var text = LeadingSlashes().Replace(value, "", 1);
        text = StateArtifactsPrefix().Replace(text, "", 1);
        return JsText.Trim(text.Replace("..", "", StringComparison.Ordinal));
    }

    /// <summary>
    /// S2 (verification): drop leading <c>/</c>s, a leading <c>deploy/&lt;segment&gt;/state/artifacts/</c>,
    /// then a leading <c>state/artifacts/</c>, delete every <c>..</c>, trim.
    /// </summary>
    public static string SanitizeS2(string value)
    {
        var text = LeadingSlashes().Replace(value, "", 1);
        text = DeployStateArtifactsPrefix().Replace(text, "", 1);
        text = StateArtifactsPrefix().Replace(text, "", 1);
        return JsText.Trim(text.Replace("..", "", StringComparison.Ordinal));
    }

    /// <summary>
    /// Resolves <paramref name="value"/> as a managed artifact: an absolute path must lie strictly
    /// under <paramref name="artifactDir"/>; any non-empty relative path (after S2) resolves into it.
    /// Null when it cannot be managed.
    /// </summary>
    public static ManagedPath? Resolve(string? value, string artifactDir)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = JsText.Trim(value);
        if (trimmed.Length == 0)
        {
            return null;
        }

        var root = NodePath.Normalize(Path.GetFullPath(artifactDir)).TrimEnd('/');
        if (trimmed.StartsWith('/'))
        {
            var absolute = NodePath.Normalize(trimmed);
            absolute = absolute.Length > 1 ? absolute.TrimEnd('/') : absolute;
            if (!absolute.StartsWith(root + "/", StringComparison.Ordinal))
            {
                // Equal to the root itself resolves to an empty relative path: not an artifact.
                return null;
            }

            var relative = absolute[(root.Length + 1)..];
            return relative.Length == 0 || relative.StartsWith("..", StringComparison.Ordinal) ? null : new ManagedPath(relative, absolute);
        }

        var sanitized = SanitizeS2(value);
        return sanitized.Length == 0 ? null : new ManagedPath(sanitized, NodePath.Join(root, sanitized));
    }

    [GeneratedRegex("^/+")]
    private static partial Regex LeadingSlashes();

    [GeneratedRegex("^state/artifacts/+")]
    private static partial Regex StateArtifactsPrefix();

    [GeneratedRegex("^deploy/[^/]+/state/artifacts/+")]
    private static partial Regex DeployStateArtifactsPrefix();
}
