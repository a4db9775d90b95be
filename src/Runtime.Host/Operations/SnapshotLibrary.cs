using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Snapshots;

namespace AgentRuntime.Host.Operations;

/// <summary>The snapshots written under <c>&lt;artifactDir&gt;/snapshots/</c> (spec §2.12): listed newest first, read, compared.</summary>
internal sealed class SnapshotLibrary(string artifactDir)
{
    /// <summary>The folder every snapshot read must stay in.</summary>
    public string Folder { get; } = Path.GetFullPath(Path.Combine(artifactDir, SnapshotBuilder.SnapshotsFolder));

    /// <summary>Every readable <c>*.json</c> snapshot directly in the folder, by <c>captured_at</c> descending; none when the folder is missing.</summary>
    public IReadOnlyList<SnapshotSummary> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var summaries = new List<SnapshotSummary>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*.json"))
        {
            // A file that is not a snapshot (hand-written, half-copied) is left out rather than failing the list.
            if (TryRead(path) is { } snapshot)
            {
                summaries.Add(new SnapshotSummary(
                    Path.GetFileName(path),
                    path,
                    Text(snapshot, "captured_at") ?? "",
                    Text(snapshot, "runtime_name"),
                    (snapshot["queued_tasks"] as JsonArray)?.Count ?? 0,
                    CompletedCount(snapshot)));
            }
        }

        return [.. summaries.OrderByDescending(s => s.CapturedAt, StringComparer.Ordinal)];
    }

    /// <summary>The snapshot document at <paramref name="path"/>, or null when it is not a JSON object.</summary>
    public static JsonObject? TryRead(string path)
    {
        try
        {
            return JsJson.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The comparison of the second-newest (before) and the newest (after) snapshot; null with fewer than two.</summary>
    public JsonObject? CompareLatest()
    {
        var newest = List();
        return newest.Count < 2 || TryRead(newest[1].Path) is not { } before || TryRead(newest[0].Path) is not { } after
            ? null
            : SnapshotService.Compare(before, after);
    }

    private static long CompletedCount(JsonObject snapshot) =>
        (snapshot["status"]?["counts"] as JsonArray)?
            .OfType<JsonObject>()
            .Where(c => Text(c, "status") == "completed")
            .Select(c => c["count"] is JsonValue v && v.TryGetValue<double>(out var n) ? (long)n : 0)
            .FirstOrDefault() ?? 0;

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
