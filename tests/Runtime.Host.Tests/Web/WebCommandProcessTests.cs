using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
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
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = runtime.Directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Repo.HostDll, "web", "--config", runtime.ConfigPath, "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        using var web = ChildProcess.Start(start);
        var stderr = web.StandardError.ReadToEndAsync();
        try
        {
            var startLine = await ReadJsonDocumentAsync(web.StandardOutput);
            var port = startLine["port"]!.GetValue<int>();
            Assert.Equal(["ok", "host", "port", "runtime"], startLine.Select(p => p.Key));
            Assert.True(startLine["ok"]!.GetValue<bool>());
            Assert.Equal("127.0.0.1", startLine["host"]!.GetValue<string>());
            Assert.Equal("test-agent", startLine["runtime"]!.GetValue<string>());
            Assert.NotEqual(0, port);

            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var state = await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/state"));
            Assert.Contains("\"runtime_name\": \"test-agent\"", state, StringComparison.Ordinal);

            using (var kill = ChildProcess.Start("kill", $"-{signal}", web.Id.ToString(CultureInfo.InvariantCulture)))
            {
                await kill.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await web.WaitForExitAsync(wait.Token);
            Assert.True(web.ExitCode == 0, $"exit {web.ExitCode}\n{await stderr}");
        }
        finally
        {
            if (!web.HasExited)
            {
                web.Kill(entireProcessTree: true);
            }
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

    /// <summary>Reads one pretty-printed JSON object (it ends with a line holding only <c>}</c>).</summary>
    private static async Task<JsonObject> ReadJsonDocumentAsync(StreamReader output)
    {
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        while (await output.ReadLineAsync(timeout.Token) is { } line)
        {
            text.Append(line).Append('\n');
            if (line == "}")
            {
                return JsonNode.Parse(text.ToString())!.AsObject();
            }
        }

        throw new InvalidOperationException($"the server printed no start line: {text}");
    }
}
