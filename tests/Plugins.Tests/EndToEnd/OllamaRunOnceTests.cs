using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Tests.FakeServers;
using AgentRuntime.Plugins.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Plugins.Tests.EndToEnd;

/// <summary><c>ollama-generate</c> end to end: the built host's <c>run-once</c> as a separate process against a fake Ollama on 127.0.0.1.</summary>
public sealed class OllamaRunOnceTests(ITestOutputHelper output)
{
    [Fact(Timeout = 60_000)]
    public async Task RunOnce_OllamaAnswers_CompletesWithResponseBodyAuditAndNoEnvRecorded()
    {
        await using var server = await StartAsync(new OllamaFake());
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(server, "ok-model", 10_000));
        var taskId = await runtime.IntakeAsync();

        // A secret in the host's own environment must not reach the audit: only adapter env is ever recorded.
        var run = await runtime.RunOnceAsync(new Dictionary<string, string>(Secrets.All) { ["OLLAMA_API_KEY"] = Secrets.OpenAi });
        output.WriteLine(run.ToString());

        var audit = CycleAssert.Completed(runtime, run, taskId, "ollama-generate", "ollama-generate", "ok-model", Requests.CanonicalOutcome);
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(audit, "stdout.log")))!;
        Assert.Equal("ok-model", body["model"]!.GetValue<string>());
        Assert.Equal(Requests.CanonicalOutcome, body["response"]!.GetValue<string>());
        var prompt = File.ReadAllText(Path.Combine(audit, "assembled-context.txt"));
        var request = JsonNode.Parse(server.Received.Single(r => r is { Method: "POST", Path: "/api/generate" }).Body)!;
        Assert.Equal(prompt, request["prompt"]!.GetValue<string>());
        Assert.Equal("json", request["format"]!.GetValue<string>());
        Assert.False(request["stream"]!.GetValue<bool>());

        var invocation = runtime.Invocation(taskId, run.AttemptId);
        Assert.Equal(server.BaseUrl + "/api/generate", invocation["command"]!.GetValue<string>());
        Assert.Equal(["POST"], invocation["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Empty(invocation["env"]!.AsObject());
        var text = File.ReadAllText(Path.Combine(audit, "invocation.json"));
        Assert.All(Secrets.All.Values, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Secrets.AssertNowhere(runtime.StateDir);
    }

    [Fact(Timeout = 60_000)]
    public async Task RunOnce_Ollama503_RetriesThenBlocksWithTheBody()
    {
        await using var server = await StartAsync(new OllamaFake());
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(server, "fail-model", 10_000));
        var taskId = await runtime.IntakeAsync();

        var lastError = await CycleAssert.RetriesThenBlocksAsync(runtime, taskId);

        Assert.Equal("""{"error":"model is loading"}""", lastError);
        Assert.All(runtime.Attempts(taskId), a => Assert.Equal(503, JsonNode.Parse((string)a["diagnostics_json"]!)!["http_status"]!.GetValue<int>()));
    }

    [Fact(Timeout = 60_000)]
    public async Task RunOnce_Ollama404_IsPermanentFailureAtOnce()
    {
        await using var server = await StartAsync(new OllamaFake());
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(server, "html-model", 10_000));
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        Assert.Equal("permanent_failure", run.Status);
        var task = runtime.Task(taskId);
        Assert.Equal("permanent_failure", task["status"]);
        Assert.Equal(1L, task["attempt_count"]);
        Assert.Equal("<html>not found</html>", task["last_error"]);
        Assert.Equal("permanent", runtime.Attempts(taskId).Single()["retry_class"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task RunOnce_OllamaHangs_TimesOutPromptly()
    {
        const int timeoutMs = 2_000;
        await using var server = await StartAsync(new OllamaFake());
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(server, "hang-model", timeoutMs));
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        CycleAssert.TimedOut(runtime, run, taskId, timeoutMs);
        Assert.True(server.ModelCalled.Task.IsCompleted);
        Assert.Equal("This operation was aborted", runtime.Task(taskId)["last_error"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task RunOnce_OllamaBlockedByRateLimit_ReschedulesByTheHint()
    {
        const string summary = "Rate limit exceeded. Try again in 7 seconds.";
        await using var server = await StartAsync(new OllamaFake { FinalText = CycleAssert.CanonicalBlocked(summary) });
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(server, "ok-model", 10_000));
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        CycleAssert.RateLimitRescheduled(runtime, run, taskId, 7, summary);
    }

    private static async Task<OllamaFake> StartAsync(OllamaFake server)
    {
        await server.StartAsync();
        return server;
    }

    private static JsonObject Adapter(OllamaFake server, string model, int timeoutMs) => new()
    {
        ["mode"] = "ollama-generate", ["endpoint"] = server.BaseUrl, ["model"] = model, ["timeoutMs"] = timeoutMs,
    };
}
