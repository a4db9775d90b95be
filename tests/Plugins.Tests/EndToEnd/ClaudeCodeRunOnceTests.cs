using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Plugins.Tests.FakeServers;
using AgentRuntime.Plugins.Tests.RealCli;
using AgentRuntime.Plugins.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Plugins.Tests.EndToEnd;

/// <summary>
/// <c>claude-code</c> end to end: the built host's <c>run-once</c> as a separate process runs the real
/// <c>claude</c> 2.1.328 from <c>.tools/</c> against a fake Anthropic Messages server on 127.0.0.1.
/// </summary>
public sealed class ClaudeCodeRunOnceTests(ITestOutputHelper output)
{
    private const string Model = "claude-sonnet-4-5";

    [RealCliFact("claude", Timeout = 120_000)]
    public async Task RunOnce_ClaudeAnswers_CompletesWithSpecArgsRealStdoutAndRedactedSecrets()
    {
        await using var server = await StartAsync(new AnthropicMessagesFake(FakeTurn.Outcome));
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(runtime, server, 90_000));
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        var audit = CycleAssert.Completed(runtime, run, taskId, "agent-cli", "claude-code", Model, Requests.CanonicalOutcome);
        var envelope = JsonNode.Parse(File.ReadAllText(Path.Combine(audit, "stdout.log")))!;
        Assert.Equal("result", envelope["type"]!.GetValue<string>());
        Assert.False(envelope["is_error"]!.GetValue<bool>());
        Assert.Equal(Requests.CanonicalOutcome, envelope["result"]!.GetValue<string>());
        Assert.Contains(server.Received, r => r.Method == "POST" && r.Path.StartsWith("/v1/messages", StringComparison.Ordinal)
                                              && r.Body.Contains(EndToEndRuntime.Goal, StringComparison.Ordinal));

        var invocation = runtime.Invocation(taskId, run.AttemptId);
        var prompt = File.ReadAllText(Path.Combine(audit, "assembled-context.txt"));
        Assert.Equal(RealCliFactAttribute.Require("claude"), invocation["command"]!.GetValue<string>());
        Assert.Equal(["-p", "--output-format", "json", "--model", Model, prompt], invocation["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(runtime.WorkDirectory, invocation["cwd"]!.GetValue<string>());
        Assert.Equal(server.BaseUrl, invocation["env"]!["ANTHROPIC_BASE_URL"]!.GetValue<string>());
        Secrets.AssertRedacted(Path.Combine(audit, "invocation.json"));
        Secrets.AssertNowhere(runtime.StateDir);
        Assert.Empty(await runtime.SurvivorsAsync());
    }

    /// <summary>
    /// claude 2.1.328 (retries off) reports a 429 as an <c>is_error: true</c> result envelope (subtype
    /// <c>success</c>) and exits 1: a retryable error exit, so the task backs off by the runtime's fixed
    /// delay — the 30 s in the API error text is not used as a hint (hints apply to blocked outcomes
    /// only, spec §5.12).
    /// </summary>
    [RealCliFact("claude", Timeout = 120_000)]
    public async Task RunOnce_Claude429_IsRetryableErrorOnBackoffThenBlocks()
    {
        await using var server = await StartAsync(new AnthropicMessagesFake(FakeTurn.RateLimit));
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(runtime, server, 90_000));
        var taskId = await runtime.IntakeAsync();

        var lastError = await CycleAssert.RetriesThenBlocksAsync(runtime, taskId);

        var attempts = runtime.Attempts(taskId);
        foreach (var attempt in attempts)
        {
            var diagnostics = JsonNode.Parse((string)attempt["diagnostics_json"]!)!;
            output.WriteLine($"exit_code={diagnostics["exit_code"]} subtype={diagnostics["claude_subtype"]} stdout={diagnostics["stdout"]}");
            Assert.Equal(1, diagnostics["exit_code"]!.GetValue<int>());
            Assert.True(diagnostics["claude_error"]!.GetValue<bool>());
            var envelope = JsonNode.Parse(File.ReadAllText((string)attempt["stdout_path"]!))!;
            Assert.True(envelope["is_error"]!.GetValue<bool>());
        }

        Assert.Contains("429", lastError, StringComparison.Ordinal);
        Assert.Contains("retry after 30 seconds", lastError, StringComparison.Ordinal);
        Assert.DoesNotContain("rate_limit_rescheduled", TestDb.EventTypes(runtime.DbPath, taskId));
        Assert.Empty(await runtime.SurvivorsAsync());
    }

    [RealCliFact("claude", Timeout = 120_000)]
    public async Task RunOnce_ClaudeModelHangs_TimesOutPromptlyAndLeavesNoProcess()
    {
        const int timeoutMs = 8_000;
        await using var server = await StartAsync(new AnthropicMessagesFake(FakeTurn.Hang));
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(runtime, server, timeoutMs));
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        CycleAssert.TimedOut(runtime, run, taskId, timeoutMs);
        Assert.True(server.ModelCalled.Task.IsCompleted, "claude reached the model before the timeout");
        Assert.Empty(await runtime.SurvivorsAsync());
    }

    [RealCliFact("claude", Timeout = 120_000)]
    public async Task RunOnce_ClaudeBlockedByRateLimit_ReschedulesByTheHint()
    {
        const string summary = "Rate limit exceeded. Try again in 7 seconds.";
        await using var server = await StartAsync(new AnthropicMessagesFake(FakeTurn.Outcome) { FinalText = CycleAssert.CanonicalBlocked(summary) });
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(runtime, server, 90_000));
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        CycleAssert.RateLimitRescheduled(runtime, run, taskId, 7, summary);
    }

    private static async Task<AnthropicMessagesFake> StartAsync(AnthropicMessagesFake server)
    {
        await server.StartAsync();
        return server;
    }

    private static JsonObject Adapter(EndToEndRuntime runtime, AnthropicMessagesFake server, int timeoutMs) => new()
    {
        ["mode"] = "agent-cli",
        ["driver"] = "claude-code",
        ["command"] = RealCliFactAttribute.Require("claude"),
        ["timeoutMs"] = timeoutMs,
        ["workingDir"] = "../work",
        ["model"] = Model,
        ["env"] = Secrets.AddTo(new JsonObject
        {
            ["HOME"] = Path.Combine(runtime.Root, "home"),
            ["CLAUDE_CONFIG_DIR"] = Path.Combine(runtime.Root, "claude-config"),
            ["ANTHROPIC_BASE_URL"] = server.BaseUrl,
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            // claude retries 429s itself (honouring retry-after); the runtime owns retries.
            ["CLAUDE_CODE_MAX_RETRIES"] = "0",
        }),
    };
}
