using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Plugins.Tests.FakeServers;
using AgentRuntime.Plugins.Tests.RealCli;
using AgentRuntime.Plugins.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Plugins.Tests.EndToEnd;

/// <summary>
/// <c>codex</c> end to end: the built host's <c>run-once</c> as a separate process runs the real
/// <c>codex</c> 0.169.0 from <c>.tools/</c> against a fake OpenAI Responses server on 127.0.0.1.
/// </summary>
public sealed class CodexRunOnceTests(ITestOutputHelper output)
{
    [RealCliFact("codex", Timeout = 120_000)]
    public async Task RunOnce_CodexAnswers_CompletesWithSpecArgsRealStdoutAndRedactedSecrets()
    {
        await using var server = await StartAsync(new OpenAiResponsesFake(FakeTurn.Outcome));
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(runtime, server, 60_000));
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        var audit = CycleAssert.Completed(runtime, run, taskId, "agent-cli", "codex", OpenAiResponsesFake.Model, Requests.CanonicalOutcome);
        var events = File.ReadAllLines(Path.Combine(audit, "stdout.log")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(events, e => Assert.NotNull(e["type"]));
        Assert.Contains(events, e => (string?)e["type"] == "item.completed" && (string?)e["item"]?["text"] == Requests.CanonicalOutcome);
        var prompt = File.ReadAllText(Path.Combine(audit, "assembled-context.txt"));
        Assert.Contains(server.Received, r => r is { Method: "POST", Path: "/v1/responses" } && r.Body.Contains(EndToEndRuntime.Goal, StringComparison.Ordinal));
        Assert.Contains(EndToEndRuntime.Goal, prompt, StringComparison.Ordinal);

        var invocation = runtime.Invocation(taskId, run.AttemptId);
        Assert.Equal(RealCliFactAttribute.Require("codex"), invocation["command"]!.GetValue<string>());
        var args = invocation["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        var lastMessageFile = args[7];
        Assert.Equal(
            [
                "exec", "--json", "--skip-git-repo-check", "--ephemeral", "--sandbox", "read-only", "--output-last-message", lastMessageFile,
                "--cd", runtime.WorkDirectory,
                "-c", $"model=\"{OpenAiResponsesFake.Model}\"",
                "-c", "model_provider=\"fake\"",
                "-c", $"model_providers.fake={{name=\"Fake Responses\",base_url=\"{server.BaseUrl}/v1\",wire_api=\"responses\",requires_openai_auth=false}}",
                "-c", "model_providers.fake.request_max_retries=0", "-c", "model_providers.fake.stream_max_retries=0",
                "-",
            ],
            args);
        Assert.Matches("^" + Regex.Escape(Path.GetTempPath().TrimEnd('/')) + "/agent-runtime-cli-[^/]+/last-message\\.txt$", lastMessageFile);
        Assert.False(Directory.Exists(Path.GetDirectoryName(lastMessageFile)), "the private temp dir is deleted after the run");
        Assert.Equal(runtime.WorkDirectory, invocation["cwd"]!.GetValue<string>());
        Assert.Equal(Path.Combine(runtime.Root, "codex-home"), invocation["env"]!["CODEX_HOME"]!.GetValue<string>());
        Assert.True(Directory.Exists(Path.Combine(runtime.Root, "codex-home")), "CODEX_HOME is created before launch");
        Secrets.AssertRedacted(Path.Combine(audit, "invocation.json"));
        Secrets.AssertNowhere(runtime.StateDir);
        Assert.Empty(await runtime.SurvivorsAsync());
    }

    /// <summary>
    /// codex turns a 429 (with its own retries off) into exit 1 and "exceeded retry limit, last status:
    /// 429 …": a retryable adapter failure on the fixed backoff, not a hint reschedule.
    /// </summary>
    [RealCliFact("codex", Timeout = 120_000)]
    public async Task RunOnce_Codex429ErrorExit_RetriesOnBackoffThenBlocks()
    {
        await using var server = await StartAsync(new OpenAiResponsesFake(FakeTurn.RateLimit));
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(runtime, server, 60_000));
        var taskId = await runtime.IntakeAsync();

        var lastError = await CycleAssert.RetriesThenBlocksAsync(runtime, taskId);
        output.WriteLine(lastError);

        Assert.StartsWith("exceeded retry limit, last status: 429 Too Many Requests", lastError, StringComparison.Ordinal);
        Assert.All(runtime.Attempts(taskId), a => Assert.Equal(1, JsonNode.Parse((string)a["diagnostics_json"]!)!["exit_code"]!.GetValue<int>()));
        Assert.DoesNotContain("rate_limit_rescheduled", TestDb.EventTypes(runtime.DbPath, taskId));
        Assert.Empty(await runtime.SurvivorsAsync());
    }

    [RealCliFact("codex", Timeout = 120_000)]
    public async Task RunOnce_CodexModelHangs_TimesOutPromptlyAndLeavesNoProcess()
    {
        const int timeoutMs = 5_000;
        await using var server = await StartAsync(new OpenAiResponsesFake(FakeTurn.Hang));
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(runtime, server, timeoutMs));
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        CycleAssert.TimedOut(runtime, run, taskId, timeoutMs);
        Assert.True(server.ModelCalled.Task.IsCompleted, "codex reached the model before the timeout");
        Assert.Empty(await runtime.SurvivorsAsync());
    }

    [RealCliFact("codex", Timeout = 120_000)]
    public async Task RunOnce_CodexBlockedByRateLimit_ReschedulesByTheHint()
    {
        const string summary = "Rate limit exceeded. Try again in 7 seconds.";
        await using var server = await StartAsync(new OpenAiResponsesFake(FakeTurn.Outcome) { FinalText = CycleAssert.CanonicalBlocked(summary) });
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(runtime, server, 60_000));
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        CycleAssert.RateLimitRescheduled(runtime, run, taskId, 7, summary);
    }

    private static async Task<OpenAiResponsesFake> StartAsync(OpenAiResponsesFake server)
    {
        await server.StartAsync();
        return server;
    }

    private static JsonObject Adapter(EndToEndRuntime runtime, OpenAiResponsesFake server, int timeoutMs) => new()
    {
        ["mode"] = "agent-cli",
        ["driver"] = "codex",
        ["command"] = RealCliFactAttribute.Require("codex"),
        ["timeoutMs"] = timeoutMs,
        ["workingDir"] = "../work",
        ["sandbox"] = "read-only",
        ["model"] = OpenAiResponsesFake.Model,
        ["providerId"] = "fake",
        ["providerName"] = "Fake Responses",
        ["providerBaseUrl"] = server.BaseUrl + "/v1",
        ["providerWireApi"] = "responses",
        // codex retries 429s and broken streams itself; the runtime owns retries.
        ["extraArgs"] = new JsonArray("-c", "model_providers.fake.request_max_retries=0", "-c", "model_providers.fake.stream_max_retries=0"),
        ["env"] = Secrets.AddTo(new JsonObject
        {
            ["HOME"] = Path.Combine(runtime.Root, "home"), ["CODEX_HOME"] = Path.Combine(runtime.Root, "codex-home"),
        }),
    };
}
