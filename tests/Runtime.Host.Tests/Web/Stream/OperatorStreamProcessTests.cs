using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web.Stream;

/// <summary>The real <c>agent-runtime web</c> process with streams open: a signal must not wait on them.</summary>
public sealed class OperatorStreamProcessTests
{
    [Fact(Timeout = 90_000)]
    public async Task Web_SigtermWithStreamsOpen_EndsEachStreamAndExitsZero()
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
        var streams = new List<SseReader>();
        try
        {
            var port = (await StartLine.ReadAsync(web.StandardOutput, TimeSpan.FromSeconds(45)))["port"]!.GetValue<int>();
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Timeout.InfiniteTimeSpan };
            for (var i = 0; i < 3; i++)
            {
                streams.Add(await SseReader.OpenAsync(client, "/api/stream", null));
                Assert.Equal("dashboard", (await streams[^1].NextFrameAsync()).Event);
            }

            await ChildProcess.SignalAsync(web.Id, "TERM");

            // Ended by the server, cleanly: end of stream, not a reset when the grace period ran out.
            foreach (var stream in streams)
            {
                Assert.Null(await stream.NextAsync());
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await web.WaitForExitAsync(wait.Token);
            Assert.True(web.ExitCode == 0, $"exit {web.ExitCode}\n{await stderr}");
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }

            ChildProcess.KillTree(web);
        }
    }
}
