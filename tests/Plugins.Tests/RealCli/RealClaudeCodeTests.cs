using System.Text.Json.Nodes;
using AgentRuntime.Plugins.ClaudeCode;
using AgentRuntime.Plugins.Tests.FakeServers;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;
using Xunit.Abstractions;
using TempDirectory = AgentRuntime.Host.Tests.TestSupport.TempDirectory;

namespace AgentRuntime.Plugins.Tests.RealCli;

/// <summary>
/// The real <c>claude</c> 2.1.328 (from <c>.tools/</c>) run through the claude-code adapter against a
/// fake Anthropic Messages server on 127.0.0.1 (<c>ANTHROPIC_BASE_URL</c>, dummy key, temp HOME).
/// </summary>
public sealed class RealClaudeCodeTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _temp = new("real-claude");

    [RealCliFact("claude", Timeout = 180_000)]
    public async Task Execute_FinalMessage_CompletesTaskWithCanonicalOutcome()
    {
        await using var server = await StartAsync(FakeTurn.Outcome);
        var run = await RealCliRun.ExecuteAsync(new ClaudeCodeAdapterFactory(), "claude-code", Settings(server, 120_000), server, _temp.Path);
        _output.WriteLine(run.Describe());

        Assert.True(run.Result.ExitStatus == ExitStatus.Ok, run.Describe());
        Assert.Equal(RetryClass.None, run.Result.RetryClass);
        Assert.Equal(Requests.CanonicalOutcome, run.Result.LastMessage);
        Assert.Equal(Requests.CanonicalOutcome, run.Result.RawOutput);
        Assert.Equal("result", (string?)JsonNode.Parse(run.Result.Stdout)!["type"]);
        Assert.True(
            run.Received.Any(r => r.Method == "POST" && r.Path.StartsWith("/v1/messages", StringComparison.Ordinal)
                                  && r.Body.Contains("Reply with the canonical outcome", StringComparison.Ordinal)),
            run.Describe());
        run.AssertStdoutIsTheCliStdout();
        run.AssertNoSurvivors();
    }

    [RealCliFact("claude", Timeout = 180_000)]
    public async Task Execute_RateLimited_RetryableErrorKeepsRateLimitText()
    {
        await using var server = await StartAsync(FakeTurn.RateLimit);
        var run = await RealCliRun.ExecuteAsync(new ClaudeCodeAdapterFactory(), "claude-code", Settings(server, 120_000), server, _temp.Path);
        _output.WriteLine(run.Describe());

        Assert.True(run.Result.ExitStatus == ExitStatus.Error, run.Describe());
        Assert.Equal(RetryClass.Retryable, run.Result.RetryClass);
        Assert.True(run.Result.RawOutput.Contains("429", StringComparison.Ordinal), run.Describe());
        Assert.Contains("retry after 30 seconds", run.Result.RawOutput, StringComparison.Ordinal);
        Assert.True((bool?)run.Result.Diagnostics!["claude_error"], run.Describe());
        run.AssertNoSurvivors();
    }

    [RealCliFact("claude", Timeout = 180_000)]
    public async Task Execute_MalformedStream_RetryableError()
    {
        await using var server = await StartAsync(FakeTurn.Malformed);
        var run = await RealCliRun.ExecuteAsync(new ClaudeCodeAdapterFactory(), "claude-code", Settings(server, 120_000), server, _temp.Path);
        _output.WriteLine(run.Describe());

        Assert.True(run.Result.ExitStatus == ExitStatus.Error, run.Describe());
        Assert.Equal(RetryClass.Retryable, run.Result.RetryClass);
        run.AssertNoSurvivors();
    }

    [RealCliFact("claude", Timeout = 180_000)]
    public async Task Execute_ModelHangs_TimesOutAndLeavesNoProcess()
    {
        await using var server = await StartAsync(FakeTurn.Hang);
        var run = await RealCliRun.ExecuteAsync(new ClaudeCodeAdapterFactory(), "claude-code", Settings(server, 8_000), server, _temp.Path);
        _output.WriteLine(run.Describe());

        Assert.True(run.Result.ExitStatus == ExitStatus.Timeout, run.Describe());
        Assert.InRange(run.Elapsed, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8 + 20));
        Assert.True(server.ModelCalled.Task.IsCompleted, run.Describe());
        run.AssertNoSurvivors();
    }

    public RealClaudeCodeTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    private static async Task<AnthropicMessagesFake> StartAsync(FakeTurn turn)
    {
        var server = new AnthropicMessagesFake(turn);
        await server.StartAsync();
        return server;
    }

    private JsonObject Settings(AnthropicMessagesFake server, int timeoutMs)
    {
        Directory.CreateDirectory(_temp.Combine("work"));
        return new JsonObject
        {
            ["command"] = RealCliFactAttribute.Require("claude"),
            ["timeoutMs"] = timeoutMs,
            ["workingDir"] = _temp.Combine("work"),
            ["model"] = "claude-sonnet-4-5",
            ["env"] = new JsonObject
            {
                ["HOME"] = _temp.Combine("home"),
                ["CLAUDE_CONFIG_DIR"] = _temp.Combine("claude-config"),
                ["ANTHROPIC_BASE_URL"] = server.BaseUrl,
                ["ANTHROPIC_API_KEY"] = "sk-ant-dummy-for-tests",
                ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
                ["DISABLE_AUTOUPDATER"] = "1",
                // Claude retries 429s itself (honouring retry-after); the runtime owns retries.
                ["CLAUDE_CODE_MAX_RETRIES"] = "0",
            },
        };
    }
}
