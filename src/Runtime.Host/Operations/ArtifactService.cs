using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Artifact browsing (spec §2.11) over paths the caller has already confined to <c>artifactDir</c>:
/// a directory's entries, or a file's text.
/// </summary>
internal static class ArtifactService
{
    /// <summary><c>{ path, type: "file" }</c>, or <c>{ path, type: "directory", entries }</c> with directories first, then by name.</summary>
    /// <param name="relative">The path relative to <c>artifactDir</c>, forward slashes.</param>
    /// <param name="realPath">Where it really is.</param>
    /// <param name="listed">Whether an entry (by its relative path) may be shown: a symlink out of the root is not, so its target's size and time stay unread.</param>
    public static JsonObject Describe(string relative, string realPath, Func<string, bool> listed)
    {
        if (!Directory.Exists(realPath))
        {
            return new JsonObject { ["path"] = relative, ["type"] = "file" };
        }

        var entries = new DirectoryInfo(realPath).EnumerateFileSystemInfos()
            .Where(e => e.LinkTarget is null || listed(Child(relative, e.Name)))
            .OrderBy(e => e is DirectoryInfo ? 0 : 1)
            .ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => (JsonNode?)new JsonObject
            {
                ["name"] = e.Name,
                ["path"] = Child(relative, e.Name),
                ["type"] = e is DirectoryInfo ? "directory" : "file",
                ["size"] = e is FileInfo file ? file.Length : 0,
                ["updated_at"] = IsoTime.ToIso(new DateTimeOffset(e.LastWriteTimeUtc, TimeSpan.Zero)),
            });
        return new JsonObject { ["path"] = relative, ["type"] = "directory", ["entries"] = new JsonArray([.. entries]) };
    }

    private static string Child(string relative, string name) => relative.Length == 0 ? name : $"{relative}/{name}";

    /// <summary><c>{ path, size, updated_at, content_type, content }</c> of a file (the content decoded as UTF-8).</summary>
    public static async Task<JsonObject> ReadAsync(string relative, string realPath, string contentType, CancellationToken cancellationToken)
    {
        var info = new FileInfo(realPath);
        var content = await File.ReadAllTextAsync(realPath, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["path"] = relative,
            ["size"] = info.Length,
            ["updated_at"] = IsoTime.ToIso(new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)),
            ["content_type"] = contentType,
            ["content"] = content,
        };
    }
}
