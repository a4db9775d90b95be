using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Host.Web;

namespace AgentRuntime.Host.Tests.Web;

public sealed class WebServerStartTests
{
    [Fact(Timeout = 60000)]
    public async Task Start_PortAlreadyInUse_OperatorErrorNamingTheAddress()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var first = await WebServerFixture.StartAsync(runtime);

        var refusal = await Assert.ThrowsAsync<WebServerException>(() =>
            WebServer.StartAsync(WebServerFixture.Options(runtime) with { Port = first.Server.Port }, CancellationToken.None));

        Assert.StartsWith($"cannot listen on 127.0.0.1:{first.Server.Port}: ", refusal.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60000)]
    [InlineData("my-host.lan")]
    [InlineData("300.1.1.1")]
    public async Task Start_HostNotAnAddress_OperatorErrorWithExamples(string host)
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();

        var refusal = await Assert.ThrowsAsync<WebServerException>(() => WebServer.StartAsync(WebServerFixture.Options(runtime, host: host), CancellationToken.None));

        Assert.Contains("--host must be an IP address or localhost", refusal.Message, StringComparison.Ordinal);
    }
}
