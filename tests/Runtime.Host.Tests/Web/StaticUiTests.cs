using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class StaticUiTests
{
    [Theory(Timeout = 60000)]
    [InlineData("/", "text/html; charset=utf-8", "no-cache")]
    [InlineData("/index.html", "text/html; charset=utf-8", "no-cache")]
    [InlineData("/app.js", "application/javascript; charset=utf-8", "public, max-age=300")]
    [InlineData("/styles.css", "text/css; charset=utf-8", "public, max-age=300")]
    public async Task Ui_EmbeddedFile_ServedWithTheSpecsTypeAndCache(string path, string contentType, string cacheControl)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(contentType, response.ContentType);
        Assert.Equal(cacheControl, response.CacheControl);
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(Repo.Root, "src", "Runtime.Host", "Web", "ui", path == "/" ? "index.html" : path[1..])),
            response.Body);
    }

    [Theory(Timeout = 60000)]
    [InlineData("/nope.html")]
    [InlineData("/api/nope")]
    [InlineData("/fonts/missing.woff2")]
    [InlineData("/../config/runtime.json")]
    [InlineData("/%2e%2e/config/runtime.json")]
    public async Task Ui_UnknownPath_Is404NotFound(string path)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Not Found", response.Error);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
    }

    [Fact(Timeout = 60000)]
    public async Task Favicon_AnyMethod_Is204WithADaysCache()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal("public, max-age=86400", response.CacheControl);
        Assert.Empty(response.Body);
    }

    [Theory(Timeout = 60000)]
    [InlineData("/api/tasks")]
    [InlineData("/api/tasks/queue")]
    [InlineData("/anything/at/all")]
    public async Task Options_AnyPath_Is204Empty(string path)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.SendAsync(HttpMethod.Options, path);

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Empty(response.Body);
    }
}
