using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Snapshots;

/// <summary>Snapshot file naming and writing (spec §7.8).</summary>
internal static partial class SnapshotFile
{
    public const string DefaultLabel = "runtime";

    /// <summary><c>&lt;artifactDir&gt;/snapshots/&lt;ISO with ':' and '.' as '-'&gt;-&lt;label&gt;.json</c>, the label's characters outside <c>[A-Za-z0-9_-]</c> replaced by <c>-</c>.</summary>
    public static string PathFor(string artifactDir, string capturedAt, string? label)
    {
        var stamp = capturedAt.Replace(':', '-').Replace('.', '-');
        var safe = UnsafeLabelCharacter().Replace(string.IsNullOrEmpty(label) ? DefaultLabel : label, "-");
        return Path.Combine(artifactDir, SnapshotBuilder.SnapshotsFolder, $"{stamp}-{safe}.json");
    }

    /// <summary>Writes pretty JSON (two-space indent) with no trailing newline and returns the absolute path.</summary>
    public static string Write(string artifactDir, JsonObject snapshot, string? label)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var path = Path.GetFullPath(PathFor(artifactDir, snapshot["captured_at"]!.GetValue<string>(), label));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsJson.Serialize(snapshot, pretty: true), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    // Each UTF-16 code unit outside the set becomes one '-', as JavaScript's String.replace does.
    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex UnsafeLabelCharacter();
}
