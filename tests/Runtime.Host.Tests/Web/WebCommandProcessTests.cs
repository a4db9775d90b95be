using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

/// <summary>The real <c>agent-runtime web</c> process: its start line, serving, and a graceful stop on SIGTERM/SIGINT.</summary>
public sealed class WebCommandProcessTests
{
    [Theory(Timeout = 90000)]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Web_PortZeroThenSignal_PrintsTheBoundPortServesAndExitsZero(string signal)
    {
        using var runtime = new TestRuntime();
        runtime.Save();
        using var web = Start(runtime, [], null);
        var stderr = web.StandardError.ReadToEndAsync();
        try
        {
            var startLine = await StartLine.ReadAsync(web.StandardOutput, TimeSpan.FromSeconds(45));
            var port = startLine["port"]!.GetValue<int>();
            Assert.Equal(["ok", "host", "port", "runtime"], startLine.Select(p => p.Key));
            Assert.True(startLine["ok"]!.GetValue<bool>());
            Assert.Equal("127.0.0.1", startLine["host"]!.GetValue<string>());
            Assert.Equal("test-agent", startLine["runtime"]!.GetValue<string>());
            Assert.NotEqual(0, port);

            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var state = await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/state"));
            Assert.Contains("\"runtime_name\": \"test-agent\"", state, StringComparison.Ordinal);

            await ChildProcess.SignalAsync(web.Id, signal);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await web.WaitForExitAsync(wait.Token);
            Assert.True(web.ExitCode == 0, $"exit {web.ExitCode}\n{await stderr}");
        }
        finally
        {
            ChildProcess.KillTree(web);
        }
    }

    [Fact(Timeout = 90000)]
    public async Task Web_NonLoopbackWithTheEnvironmentToken_WritesNeedItAndReadsDoNot()
    {
        using var runtime = new TestRuntime();
        runtime.Save();
        using var web = Start(runtime, ["--host", "0.0.0.0"], new Dictionary<string, string> { ["AGENT_RUNTIME_WEB_TOKEN"] = "env-token" });
        var stderr = web.StandardError.ReadToEndAsync();
        try
        {
            var startLine = await StartLine.ReadAsync(web.StandardOutput, TimeSpan.FromSeconds(45));
            Assert.Equal("0.0.0.0", startLine["host"]!.GetValue<string>());
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{startLine["port"]}"), Timeout = TimeSpan.FromSeconds(20) };

            using var refused = await client.PostAsync(new Uri("/api/pause", UriKind.Relative), new StringContent("""{"paused":true}"""));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pause") { Content = new StringContent("""{"paused":true}""") };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "env-token");
            using var accepted = await client.SendAsync(request);
            using var read = await client.GetAsync(new Uri("/api/pause", UriKind.Relative));

            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
            await ChildProcess.SignalAsync(web.Id, "TERM");
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await web.WaitForExitAsync(wait.Token);
            Assert.True(web.ExitCode == 0, $"exit {web.ExitCode}\n{await stderr}");
        }
        finally
        {
            ChildProcess.KillTree(web);
        }
    }

    [Fact(Timeout = 90000)]
    public async Task Web_NonLoopbackWithoutToken_RefusesToStartSayingHowToSetOne()
    {
        using var runtime = new TestRuntime();
        runtime.Save();

        var result = await runtime.RunAsync(new Dictionary<string, string> { ["AGENT_RUNTIME_WEB_TOKEN"] = "" }, "web", "--host", "0.0.0.0", "--port", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("AGENT_RUNTIME_WEB_TOKEN", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-unauthenticated-writes", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    private static Process Start(TestRuntime runtime, string[] extra, Dictionary<string, string>? env)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = runtime.Directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Repo.HostDll, "web", "--config", runtime.ConfigPath, "--port", "0" }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? [])
        {
            start.Environment[key] = value;
        }

        return ChildProcess.StartInterruptible(start);
    }
}
