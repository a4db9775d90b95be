using System.Text.RegularExpressions;

namespace AgentRuntime.Host.Web.Security;

/// <summary>
/// Keeps artifact and snapshot reads inside their root. The reference deleted <c>..</c> substrings
/// and compared prefixes; here a request is refused outright when it holds a NUL byte, a
/// backslash, a <c>..</c> segment, a still-encoded separator or dot (<c>%2F</c>, <c>%5C</c>,
/// <c>%2E</c>, <c>%00</c>: the query was decoded once already, so these were double-encoded),
/// or an absolute path where none is allowed; the joined path must stay under the root; and the
/// real path (every symlink resolved by the file system) must too, so a link pointing out of the
/// root is refused as well.
/// </summary>
internal static partial class SafePath
{
    /// <param name="root">The folder reads must stay in (need not exist).</param>
    /// <param name="requested">The decoded request value.</param>
    /// <param name="baseDirectory">What a relative <paramref name="requested"/> joins to (the root, or the server's working directory).</param>
    /// <param name="allowAbsolute">Whether an absolute path (inside the root) is accepted.</param>
    public static ContainedPath Resolve(string root, string requested, string baseDirectory, bool allowAbsolute)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(requested);
        if (requested.Contains('\0', StringComparison.Ordinal)
            || requested.Contains('\\', StringComparison.Ordinal)
            || EncodedSeparator().IsMatch(requested)
            || requested.Split('/').Contains("..")
            || (Path.IsPathRooted(requested) && !allowAbsolute))
        {
            return ContainedPath.Invalid;
        }

        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(requested, baseDirectory));
        if (!Inside(full, rootFull))
        {
            return ContainedPath.Invalid;
        }

        var relative = full.Length == rootFull.Length ? "" : full[(rootFull.Length + 1)..];
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            // A dangling link is "missing" too: nothing would be read through it.
            return new ContainedPath(PathStatus.Missing, relative, null);
        }

        var real = RealPath.Of(full);
        var realRoot = RealPath.Of(rootFull) ?? rootFull;
        if (real is null)
        {
            return new ContainedPath(PathStatus.Missing, relative, null);
        }

        return Inside(real, realRoot) ? new ContainedPath(PathStatus.Found, relative, real) : ContainedPath.Invalid;
    }

    private static bool Inside(string path, string root) =>
        path == root || path.StartsWith(root + "/", StringComparison.Ordinal);

    [GeneratedRegex("%(2f|5c|2e|00)", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedSeparator();
}
