using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Plugins.Tests.EndToEnd;

/// <summary>
/// <c>hermes-agent</c> end to end: the built host's <c>run-once</c> as a separate process drives the
/// fake <c>hermes</c> fixture executable (the real Hermes Agent cannot be installed here).
/// </summary>
public sealed class HermesRunOnceTests(ITestOutputHelper output)
{
    private const string Model = "hermes-e2e-model";

    [Fact(Timeout = 60_000)]
    public async Task RunOnce_HermesAnswers_CompletesWithSpecArgsAuditAndRedactedSecrets()
    {
        using var runtime = new EndToEndRuntime();
        runtime.Use(Adapter(10_000));
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        var audit = CycleAssert.Completed(runtime, run, taskId, "agent-cli", "hermes-agent", Model, """{"status":"completed","operator_summary":"hermes did it"}""");
        Assert.Equal(
            "\nHere is the outcome: {\"status\":\"completed\",\"operator_summary\":\"hermes did it\"}\n\nsession_id: 20250101_120000_abcdef\n",
            File.ReadAllText(Path.Combine(audit, "stdout.log")));
        var invocation = runtime.Invocation(taskId, run.AttemptId);
        var prompt = File.ReadAllText(Path.Combine(audit, "assembled-context.txt"));
        Assert.Equal(Repo.Fixture("hermes"), invocation["command"]!.GetValue<string>());
        Assert.Equal(["chat", "-Q", "--model", Model, "-q", prompt], invocation["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(runtime.WorkDirectory, invocation["cwd"]!.GetValue<string>());
        Assert.Equal(runtime.Marker, invocation["env"]![EndToEndRuntime.MarkerName]!.GetValue<string>());
        Secrets.AssertRedacted(Path.Combine(audit, "invocation.json"));
        Secrets.AssertNowhere(runtime.StateDir);
    }

    [Fact(Timeout = 60_000)]
    public async Task RunOnce_HermesExitsNonZero_RetriesThenBlocksWithItsError()
    {
        var adapter = Adapter(10_000);
        adapter["env"]!["HERMES_FAKE_EXIT"] = "1";
        using var runtime = new EndToEndRuntime();
        runtime.Use(adapter);
        var taskId = await runtime.IntakeAsync();

        var lastError = await CycleAssert.RetriesThenBlocksAsync(runtime, taskId);

        Assert.Equal("Error: provider returned HTTP 500\n", lastError);
        Assert.All(runtime.Attempts(taskId), a => Assert.Equal(1, JsonNode.Parse((string)a["diagnostics_json"]!)!["exit_code"]!.GetValue<int>()));
    }

    [Fact(Timeout = 60_000)]
    public async Task RunOnce_HermesHangs_TimesOutPromptlyAndLeavesNoProcess()
    {
        const int timeoutMs = 2_000;
        var adapter = Adapter(timeoutMs);
        adapter["env"]!["HERMES_FAKE_HANG"] = "1";
        using var runtime = new EndToEndRuntime();
        runtime.Use(adapter);
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        CycleAssert.TimedOut(runtime, run, taskId, timeoutMs);
        Assert.Empty(await runtime.SurvivorsAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task RunOnce_HermesBlockedByRateLimit_ReschedulesByTheHint()
    {
        const string summary = "Rate limit exceeded. Try again in 7 seconds.";
        var adapter = Adapter(10_000);
        adapter["env"]!["HERMES_FAKE_ANSWER"] = CycleAssert.CanonicalBlocked(summary);
        using var runtime = new EndToEndRuntime();
        runtime.Use(adapter);
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();
        output.WriteLine(run.ToString());

        CycleAssert.RateLimitRescheduled(runtime, run, taskId, 7, summary);
    }

    private static JsonObject Adapter(int timeoutMs) => new()
    {
        ["mode"] = "agent-cli",
        ["driver"] = "hermes-agent",
        ["command"] = Repo.Fixture("hermes"),
        ["timeoutMs"] = timeoutMs,
        ["workingDir"] = "../work",
        ["model"] = Model,
        ["env"] = Secrets.AddTo([]),
    };
}
