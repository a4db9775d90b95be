using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Codex;
using AgentRuntime.Plugins.Tests.FakeServers;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;
using Xunit.Abstractions;
using TempDirectory = AgentRuntime.Host.Tests.TestSupport.TempDirectory;

namespace AgentRuntime.Plugins.Tests.RealCli;

/// <summary>
/// The real <c>codex</c> 0.169.0 (from <c>.tools/</c>) run through the codex adapter against a fake
/// OpenAI Responses server on 127.0.0.1, with a temp HOME and CODEX_HOME.
/// </summary>
public sealed class RealCodexTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _temp = new("real-codex");

    [RealCliFact("codex", Timeout = 180_000)]
    public async Task Execute_FinalMessage_CompletesTaskWithCanonicalOutcome()
    {
        await using var server = await StartAsync(FakeTurn.Outcome);
        var run = await RealCliRun.ExecuteAsync(new CodexAdapterFactory(), "codex", Settings(server, 120_000), server, _temp.Path);
        _output.WriteLine(run.Describe());

        Assert.True(run.Result.ExitStatus == ExitStatus.Ok, run.Describe());
        Assert.Equal(RetryClass.None, run.Result.RetryClass);
        Assert.Equal(Requests.CanonicalOutcome, run.Result.LastMessage.Trim());
        Assert.Equal(Requests.CanonicalOutcome, run.Result.RawOutput.Trim());
        Assert.True(
            run.Received.Any(r => r is { Method: "POST", Path: "/v1/responses" } && r.Body.Contains("Reply with the canonical outcome", StringComparison.Ordinal)),
            run.Describe());
        run.AssertStdoutIsTheCliStdout();
        Assert.All(run.Result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.NotNull(JsonNode.Parse(line)?["type"]));
        Assert.True(Directory.Exists(_temp.Combine("codex-home")));
        run.AssertNoSurvivors();
    }

    [RealCliFact("codex", Timeout = 180_000)]
    public async Task Execute_RateLimited_RetryableErrorLeadsWithCodexErrorText()
    {
        await using var server = await StartAsync(FakeTurn.RateLimit);
        var run = await RealCliRun.ExecuteAsync(new CodexAdapterFactory(), "codex", Settings(server, 120_000), server, _temp.Path);
        _output.WriteLine(run.Describe());

        Assert.True(run.Result.ExitStatus == ExitStatus.Error, run.Describe());
        Assert.Equal(RetryClass.Retryable, run.Result.RetryClass);
        Assert.True(run.Result.RawOutput.StartsWith("exceeded retry limit, last status: 429 Too Many Requests", StringComparison.Ordinal), run.Describe());
        run.AssertNoSurvivors();
    }

    [RealCliFact("codex", Timeout = 180_000)]
    public async Task Execute_MalformedStream_RetryableError()
    {
        await using var server = await StartAsync(FakeTurn.Malformed);
        var run = await RealCliRun.ExecuteAsync(new CodexAdapterFactory(), "codex", Settings(server, 120_000), server, _temp.Path);
        _output.WriteLine(run.Describe());

        Assert.True(run.Result.ExitStatus == ExitStatus.Error, run.Describe());
        Assert.Equal(RetryClass.Retryable, run.Result.RetryClass);
        run.AssertNoSurvivors();
    }

    [RealCliFact("codex", Timeout = 180_000)]
    public async Task Execute_ModelHangs_TimesOutAndLeavesNoProcess()
    {
        await using var server = await StartAsync(FakeTurn.Hang);
        var run = await RealCliRun.ExecuteAsync(new CodexAdapterFactory(), "codex", Settings(server, 8_000), server, _temp.Path);
        _output.WriteLine(run.Describe());

        Assert.True(run.Result.ExitStatus == ExitStatus.Timeout, run.Describe());
        Assert.Equal("timeout", run.Result.Note);
        Assert.InRange(run.Elapsed, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8 + 20));
        Assert.True(server.ModelCalled.Task.IsCompleted, run.Describe());
        run.AssertNoSurvivors();
    }

    public RealCodexTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    private static async Task<OpenAiResponsesFake> StartAsync(FakeTurn turn)
    {
        var server = new OpenAiResponsesFake(turn);
        await server.StartAsync();
        return server;
    }

    private JsonObject Settings(OpenAiResponsesFake server, int timeoutMs)
    {
        Directory.CreateDirectory(_temp.Combine("work"));
        return new JsonObject
        {
            ["command"] = RealCliFactAttribute.Require("codex"),
            ["timeoutMs"] = timeoutMs,
            ["workingDir"] = _temp.Combine("work"),
            ["sandbox"] = "read-only",
            ["model"] = OpenAiResponsesFake.Model,
            ["providerId"] = "fake",
            ["providerName"] = "Fake Responses",
            ["providerBaseUrl"] = server.BaseUrl + "/v1",
            ["providerWireApi"] = "responses",
            // Codex retries 429s and broken streams itself; the runtime owns retries.
            ["extraArgs"] = new JsonArray("-c", "model_providers.fake.request_max_retries=0", "-c", "model_providers.fake.stream_max_retries=0"),
            ["env"] = new JsonObject { ["HOME"] = _temp.Combine("home"), ["CODEX_HOME"] = _temp.Combine("codex-home") },
        };
    }
}
