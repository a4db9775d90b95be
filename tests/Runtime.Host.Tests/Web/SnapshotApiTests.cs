using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class SnapshotApiTests
{
    private static async Task<(TestRuntime Runtime, string Before, string After)> WithTwoSnapshotsAsync()
    {
        var runtime = new TestRuntime().InProcess();
        runtime.Save();
        var before = (await runtime.RunAsync("snapshot", "--label", "before")).Json["snapshotPath"]!.GetValue<string>();
        await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        var after = (await runtime.RunAsync("snapshot", "--label", "after")).Json["snapshotPath"]!.GetValue<string>();
        return (runtime, before, after);
    }

    [Fact(Timeout = 60000)]
    public async Task Snapshots_TwoCaptured_ListedNewestFirstAndReadableByTheListedPath()
    {
        var (runtime, before, after) = await WithTwoSnapshotsAsync();
        using var _ = runtime;
        await using var web = await WebServerFixture.StartAsync(runtime);

        var list = await web.GetAsync("/api/snapshots");
        var alias = await web.GetAsync("/snapshots");
        var read = await web.GetAsync("/api/snapshot?path=" + Uri.EscapeDataString(after));
        var relative = await web.GetAsync("/api/snapshot?path=" + Uri.EscapeDataString(Path.GetRelativePath(runtime.Directory.Path, before)));

        var snapshots = list.Json["snapshots"]!.AsArray();
        Assert.Equal([after, before], snapshots.Select(s => s!["path"]!.GetValue<string>()));
        Assert.Equal(["name", "path", "captured_at", "runtime_name", "queued_tasks", "completed_tasks"], snapshots[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(1, snapshots[0]!["queued_tasks"]!.GetValue<int>());
        Assert.Equal(0, snapshots[1]!["queued_tasks"]!.GetValue<int>());
        Assert.Equal(list.Body, alias.Body);
        Assert.Equal(await File.ReadAllTextAsync(after), read.Body);
        Assert.Equal(HttpStatusCode.OK, relative.Status);
    }

    [Fact(Timeout = 60000)]
    public async Task Report_BeforeAndAfter_ComparesThemAndLatestComparesTheNewestTwo()
    {
        var (runtime, before, after) = await WithTwoSnapshotsAsync();
        using var _ = runtime;
        await using var web = await WebServerFixture.StartAsync(runtime);

        var report = await web.GetAsync($"/api/report?before={Uri.EscapeDataString(before)}&after={Uri.EscapeDataString(after)}");
        var latest = await web.GetAsync("/api/report/latest");
        var cli = await runtime.RunAsync("report", "--before", before, "--after", after);

        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal(cli.Json.ToJsonString(), report.Json.ToJsonString());
        Assert.Equal(report.Json.ToJsonString(), latest.Json["report"]!.ToJsonString());
    }

    [Fact(Timeout = 60000)]
    public async Task ReportLatest_FewerThanTwoSnapshots_IsNullAndTheListIsEmpty()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var latest = await web.GetAsync("/api/report/latest");
        var list = await web.GetAsync("/api/snapshots");

        Assert.Equal("{\n  \"report\": null\n}", latest.Body);
        Assert.Equal("{\n  \"snapshots\": []\n}", list.Body);
    }

    [Theory(Timeout = 60000)]
    [InlineData("/api/snapshot", "snapshot path required")]
    [InlineData("/api/report?before=x", "before and after snapshot paths are required")]
    [InlineData("/api/snapshot?path=config/runtime.json", "invalid snapshot path")]
    [InlineData("/api/snapshot?path=/etc/passwd", "invalid snapshot path")]
    [InlineData("/api/snapshot?path=state/artifacts/snapshots/../../../config/runtime.json", "invalid snapshot path")]
    [InlineData("/api/snapshot?path=state/artifacts/snapshots/%252e%252e%252fx.json", "invalid snapshot path")]
    [InlineData("/api/snapshot?path=state/artifacts/snapshots/a%00.json", "invalid snapshot path")]
    [InlineData("/api/snapshot?path=state/artifacts/snapshots/link.json", "invalid snapshot path")]
    [InlineData("/api/report?before=state/artifacts/snapshots/link.json&after=/etc/passwd", "invalid snapshot path")]
    [InlineData("/api/snapshot?path=state/artifacts/snapshots/none.json", "snapshot not found")]
    public async Task Snapshot_BadPath_Is400SayingWhy(string path, string error)
    {
        var (runtime, _, _) = await WithTwoSnapshotsAsync();
        using var __ = runtime;
        File.CreateSymbolicLink(runtime.Directory.Combine("state", "artifacts", "snapshots", "link.json"), runtime.ConfigPath);
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, response.Error);
    }
}
