using System.Globalization;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Snapshots;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary><c>report</c> over snapshots with many artifact files: the comparison is linear in their number.</summary>
public sealed class ReportScaleTests
{
    /// <summary>
    /// 200,000 artifact files on each side took 76 s when every new path scanned the whole old list;
    /// with a set it is a fraction of a second, so the test's timeout (thirty times that) only trips
    /// on the quadratic comparison.
    /// </summary>
    [Fact(Timeout = 30_000)]
    public async Task Compare_200000ArtifactFiles_ListsTheNewOnesInOrder()
    {
        var before = Snapshot(Enumerable.Range(0, 200_000).Select(Path));
        var after = Snapshot(Enumerable.Range(10, 200_000).Select(Path));

        var report = await Task.Run(() => SnapshotComparer.Compare(before, after));

        Assert.Equal(
            Enumerable.Range(200_000, 10).Select(Path),
            report["new_artifacts_created"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private static string Path(int i) => string.Create(CultureInfo.InvariantCulture, $"reports/{i:D6}.md");

    private static JsonObject Snapshot(IEnumerable<string> files) => new()
    {
        ["captured_at"] = "2026-04-29T10:00:00.000Z",
        ["artifact_files"] = new JsonArray([.. files.Select(f => (JsonNode?)JsonValue.Create(f))]),
    };
}
