using System.Net;
using System.Net.Http.Headers;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

/// <summary>Bodies over the limit are 413, malformed JSON is a 400 that names the problem, and an unexpected failure is a bare 500.</summary>
public sealed class RequestLimitTests
{
    [Theory(Timeout = 60000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_OverTheLimit_Is413NamingTheLimitWhetherOrNotItsLengthIsDeclared(bool declaredLength)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime, maxRequestBodyBytes: 1024);
        var body = $$"""{"message":"{{new string('x', 4096)}}"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks/queue")
        {
            Content = declaredLength ? new StringContent(body) : new StreamContent(new UnseekableStream(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await web.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("{\n  \"error\": \"request body too large (limit 1024 bytes)\"\n}", text);
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks"));
    }

    [Fact(Timeout = 60000)]
    public async Task Body_DefaultLimit_OneMebibyteIsRefusedAndASmallBodyIsNot()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var big = await PostRefusedAsync(web, "/api/sensors/events", new string(' ', 1024 * 1024) + "{}");
        var small = await web.PostAsync("/api/tasks/queue", """{"message":"fits"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.Status);
        Assert.Equal("request body too large (limit 1048576 bytes)", big.Error);
        Assert.Equal(HttpStatusCode.Created, small.Status);
    }

    /// <summary>
    /// Posts a body the server refuses before reading all of it. The server may answer and close
    /// while the client is still writing, and the client then sees a broken pipe instead of the
    /// answer: a transport race, not the behaviour under test, so the post is tried again.
    /// </summary>
    private static async Task<ApiResponse> PostRefusedAsync(WebServerFixture web, string path, string body)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await web.PostAsync(path, body);
            }
            catch (HttpRequestException ex) when (attempt < 5 && ex.InnerException is IOException)
            {
            }
        }
    }

    [Theory(Timeout = 60000)]
    [InlineData("/api/pause")]
    [InlineData("/api/schedules")]
    [InlineData("/api/sensors/events")]
    [InlineData("/api/tasks/queue")]
    public async Task Body_MalformedJsonOrBadUtf8_Is400NeverA500(string path)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var truncated = await web.PostAsync(path, """{"message": "a""");
        using var bytes = new ByteArrayContent([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]);
        using var badUtf8 = await web.Client.PostAsync(path, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, truncated.Status);
        Assert.False(string.IsNullOrWhiteSpace(truncated.Error));
        Assert.Equal(HttpStatusCode.BadRequest, badUtf8.StatusCode);
    }

    [Fact(Timeout = 60000)]
    public async Task Failure_Unexpected_Is500InternalErrorWithoutAStackTrace()
    {
        using var runtime = new TestRuntime().InProcess();
        using var log = new StringWriter();
        var options = WebServerFixture.Options(runtime) with { Core = new AgentRuntime.Host.Composition.CoreOptions(TimeProvider.System, TextWriter.Synchronized(log)) };
        await using var web = await WebServerFixture.StartAsync(runtime, options);
        TestDb.Execute(runtime.DbPath, "DROP TABLE run_events");

        var response = await web.GetAsync("/api/events");

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal("{\n  \"error\": \"internal error\"\n}", response.Body);
        Assert.Contains("no such table: run_events", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("Web request GET /api/events failed", log.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A body stream without a length, so the client sends it chunked.</summary>
    private sealed class UnseekableStream(string text) : MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))
    {
        public override bool CanSeek => false;
    }
}
