using System.Net.Http.Headers;
using System.Text;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Web;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>
/// The real operator web server (Kestrel) started in this process on port 0 over a
/// <see cref="TestRuntime"/>'s config, with a client for its base address. Dispose to stop it.
/// </summary>
internal sealed class WebServerFixture : IAsyncDisposable
{
    private WebServerFixture(TestRuntime runtime, WebServer server)
    {
        Runtime = runtime;
        Server = server;
        BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public TestRuntime Runtime { get; }

    public WebServer Server { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>: also for a server bound to 0.0.0.0.</summary>
    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>Saves the runtime's config and starts the server on <paramref name="host"/>:0.</summary>
    public static Task<WebServerFixture> StartAsync(TestRuntime runtime, string host = "127.0.0.1", string? token = null, bool allowUnauthenticatedWrites = false, long? maxRequestBodyBytes = null) =>
        StartAsync(runtime, Options(runtime, host, token, allowUnauthenticatedWrites, maxRequestBodyBytes));

    /// <summary>Saves the runtime's config and starts the server with <paramref name="options"/> (e.g. <see cref="Options"/> with <c>ConfigureServices</c> set).</summary>
    public static async Task<WebServerFixture> StartAsync(TestRuntime runtime, WebServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        runtime.Save();
        var server = await WebServer.StartAsync(options, CancellationToken.None);
        return new WebServerFixture(runtime, server);
    }

    /// <summary>The options the fixture starts with (a test that expects a refusal starts the server itself).</summary>
    public static WebServerOptions Options(TestRuntime runtime, string host = "127.0.0.1", string? token = null, bool allowUnauthenticatedWrites = false, long? maxRequestBodyBytes = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new WebServerOptions
        {
            ConfigPath = runtime.ConfigPath,
            WorkingDirectory = runtime.Directory.Path,
            Host = host,
            Port = 0,
            EnvironmentToken = token,
            AllowUnauthenticatedWrites = allowUnauthenticatedWrites,
            MaxRequestBodyBytes = maxRequestBodyBytes ?? WebServerOptions.DefaultMaxRequestBodyBytes,
            Core = new CoreOptions(runtime.Clock ?? TimeProvider.System, TextWriter.Null),
        };
    }

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> PostAsync(string path, string? body, string? token = null) => SendAsync(HttpMethod.Post, path, body, token);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Client.SendAsync(request);
        return new ApiResponse(response.StatusCode, response.Headers, response.Content.Headers, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
