using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Tests.FakeServers;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Tests.RealCli;

/// <summary>One real-CLI execution through an adapter's public factory, with its evidence.</summary>
internal sealed record RealCliRun(ExecutionResult Result, RecordingSink Sink, TimeSpan Elapsed, IReadOnlyList<RecordedRequest> Received)
{
    /// <summary>A marker in the adapter env: any process still carrying it after the run is a survivor.</summary>
    public string Marker { get; init; } = "";

    public static async Task<RealCliRun> ExecuteAsync(
        IAdapterFactory factory, string kind, JsonObject settings, FakeModelServer server, string root, CancellationToken cancellationToken = default)
    {
        var marker = $"PLUGINS_TEST_MARKER={Guid.NewGuid():N}";
        settings["env"]!["PLUGINS_TEST_MARKER"] = marker.Split('=')[1];
        var sink = new RecordingSink();
        await using var adapter = factory.Create(Requests.Context(kind, settings, root));
        var clock = Stopwatch.StartNew();
        var result = await adapter.ExecuteAsync(Requests.Execution(kind, settings, root, prompt: "Reply with the canonical outcome JSON only."), sink, cancellationToken);
        return new RealCliRun(result, sink, clock.Elapsed, server.Received) { Marker = marker };
    }

    /// <summary>The result's stdout is exactly what the CLI wrote, line for line as the sink saw it.</summary>
    public void AssertStdoutIsTheCliStdout()
    {
        var lines = Sink.Lines(OutputChannel.Stdout).ToList();
        Assert.NotEmpty(lines);
        Assert.Equal(string.Concat(lines.Select(l => l + "\n")), Result.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    public void AssertNoSurvivors() => Assert.Empty(Processes.WithEnvironmentMarker(Marker));

    public string Describe() =>
        $"exit={Result.ExitStatus} exit_code={Result.Diagnostics?["exit_code"]} retry={Result.RetryClass} elapsed={Elapsed}\nraw={Result.RawOutput}\nstdout={Result.Stdout}\nstderr={Result.Stderr}\n" +
        $"requests:\n{string.Join('\n', Received.Select(r => $"{r.Method} {r.Path} {r.Body[..Math.Min(r.Body.Length, 300)]}"))}";
}
