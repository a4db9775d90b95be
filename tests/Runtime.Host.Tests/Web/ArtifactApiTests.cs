using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class ArtifactApiTests
{
    /// <summary>A runtime with artifacts, a secret beside (not in) the artifact root, and symlinks in the root pointing out of it and within it.</summary>
    private static TestRuntime WithArtifacts()
    {
        var runtime = new TestRuntime().InProcess();
        runtime.Directory.Write("state/artifacts/reports/b.md", "# B\n");
        runtime.Directory.Write("state/artifacts/reports/a.txt", "alpha");
        runtime.Directory.Write("state/artifacts/reports/sub/c.json", "{}");
        runtime.Directory.Write("state/secret.txt", "do not serve");
        File.CreateSymbolicLink(runtime.Directory.Combine("state", "artifacts", "escape.txt"), "../secret.txt");
        Directory.CreateSymbolicLink(runtime.Directory.Combine("state", "artifacts", "outside"), runtime.Directory.Combine("config"));
        File.CreateSymbolicLink(runtime.Directory.Combine("state", "artifacts", "alias.txt"), "reports/a.txt");
        return runtime;
    }

    [Fact(Timeout = 60000)]
    public async Task Artifacts_Directory_ListsDirectoriesFirstThenByNameWithRelativePaths()
    {
        using var runtime = WithArtifacts();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync("/api/artifacts?path=reports");
        var alias = await web.GetAsync("/artifacts?path=reports");
        var file = await web.GetAsync("/api/artifacts?path=reports/a.txt");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("directory", response.Json["type"]!.GetValue<string>());
        Assert.Equal("reports", response.Json["path"]!.GetValue<string>());
        var entries = response.Json["entries"]!.AsArray();
        Assert.Equal(["sub", "a.txt", "b.md"], entries.Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal(["name", "path", "type", "size", "updated_at"], entries[1]!.AsObject().Select(p => p.Key));
        Assert.Equal("reports/a.txt", entries[1]!["path"]!.GetValue<string>());
        Assert.Equal(5, entries[1]!["size"]!.GetValue<long>());
        Assert.Equal(response.Body, alias.Body);
        Assert.Equal("{\n  \"path\": \"reports/a.txt\",\n  \"type\": \"file\"\n}", file.Body);
    }

    [Fact(Timeout = 60000)]
    public async Task Artifacts_RootWithSymlinks_ListsLinksInsideTheRootAndLeavesOutThoseLeavingIt()
    {
        using var runtime = WithArtifacts();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var root = await web.GetAsync("/api/artifacts");

        Assert.Equal("", root.Json["path"]!.GetValue<string>());
        Assert.Equal(["reports", "alias.txt"], root.Json["entries"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
    }

    [Fact(Timeout = 60000)]
    public async Task Artifact_File_ContentWithTheTypeOfItsExtension()
    {
        using var runtime = WithArtifacts();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var markdown = await web.GetAsync("/api/artifact?path=reports/b.md");
        var linkedInside = await web.GetAsync("/api/artifact?path=alias.txt");

        Assert.Equal(["path", "size", "updated_at", "content_type", "content"], markdown.Json.Select(p => p.Key));
        Assert.Equal("text/markdown; charset=utf-8", markdown.Json["content_type"]!.GetValue<string>());
        Assert.Equal("# B\n", markdown.Json["content"]!.GetValue<string>());
        Assert.Equal("alpha", linkedInside.Json["content"]!.GetValue<string>());
    }

    [Theory(Timeout = 60000)]
    [InlineData("/api/artifact?path=", "artifact file path required")]
    [InlineData("/api/artifact?path=reports", "artifact path is not a file")]
    [InlineData("/api/artifact?path=reports/none.md", "artifact path not found")]
    [InlineData("/api/artifacts?path=none", "artifact path not found")]
    public async Task Artifact_NotAReadableFile_Is400SayingWhy(string path, string error)
    {
        using var runtime = WithArtifacts();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, response.Error);
    }

    [Theory(Timeout = 60000)]
    [InlineData("../secret.txt")]
    [InlineData("reports/../../secret.txt")]
    [InlineData("%2e%2e%2fsecret.txt")]
    [InlineData("%252e%252e%252fsecret.txt")]
    [InlineData("reports%252f..%252f..%252fsecret.txt")]
    [InlineData("..%5csecret.txt")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("/etc/passwd")]
    [InlineData("reports/a.txt%00.md")]
    [InlineData("escape.txt")]
    [InlineData("outside/runtime.json")]
    [InlineData("..")]
    public async Task Artifact_PathLeavingTheRoot_Is400InvalidArtifactPathOnBothRoutes(string query)
    {
        using var runtime = WithArtifacts();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var read = await web.GetAsync("/api/artifact?path=" + query);
        var list = await web.GetAsync("/api/artifacts?path=" + query);

        Assert.Equal(HttpStatusCode.BadRequest, read.Status);
        Assert.Equal("invalid artifact path", read.Error);
        Assert.Equal(HttpStatusCode.BadRequest, list.Status);
        Assert.Equal("invalid artifact path", list.Error);
        Assert.DoesNotContain("do not serve", read.Body, StringComparison.Ordinal);
    }
}
