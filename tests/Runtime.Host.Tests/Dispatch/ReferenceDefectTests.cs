using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>Behaviour the reference runtime gets wrong (spec Appendix B) and AgentRuntime fixes; each test fails on the reference behaviour.</summary>
public sealed class ReferenceDefectTests
{
    // In process on a fake clock: neither a process boundary nor the environment is the point here.
    private static async Task<TestRuntime> EchoRuntimeAsync(JsonObject adapter, Action<TestRuntime>? configure = null)
    {
        var runtime = new TestRuntime().InProcess();
        runtime.Config["defaultAdapter"] = "echo";
        runtime.Adapters["echo"] = adapter;
        runtime.UseEchoPlugin();
        configure?.Invoke(runtime);
        runtime.Save();
        return runtime;
    }

    [Fact(Timeout = 120_000)]
    public async Task B19_AdapterThatThrows_FinalizesTheAttemptInsteadOfLeavingTheTaskRunning()
    {
        using var runtime = await EchoRuntimeAsync(new JsonObject { ["mode"] = "echo", ["behavior"] = "throw" });
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var result = await runtime.RunAsync("run-once");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("retryable_failure", result.Json["status"]!.GetValue<string>());
        var task = runtime.Task(taskId);
        Assert.Equal("retryable_failure", task["status"]);
        Assert.Contains("echo adapter was told to throw", (string)task["last_error"]!, StringComparison.Ordinal);
        var attempt = runtime.Attempts(taskId).Single();
        Assert.Equal("finished", attempt["status"]);
        Assert.Equal("error", attempt["exit_status"]);
        Assert.Contains("adapter_exception", (string)attempt["diagnostics_json"]!, StringComparison.Ordinal);
        Assert.Equal("adapter_exception", JsonNode.Parse(File.ReadAllText(Path.Combine(runtime.ArtifactDir, "adapter-runs", taskId, (string)attempt["attempt_id"]!, "invocation.json")))!["note"]!.GetValue<string>());
    }

    [Fact(Timeout = 120_000)]
    public async Task B25_ModelDeclaredRetryableFailure_GetsBackoffInsteadOfImmediateReclaim()
    {
        using var runtime = await EchoRuntimeAsync(
            new JsonObject { ["mode"] = "echo", ["behavior"] = "raw", ["raw"] = """{"status":"retryable_failure","operator_summary":"upstream flaky, try later"}""" },
            r => r.Config["retryBackoffSeconds"] = 60);
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var first = await runtime.RunAsync("run-once");
        var second = await runtime.RunAsync("run-once");

        Assert.Equal("retryable_failure", first.Json["status"]!.GetValue<string>());
        Assert.Equal("idle", second.Json["status"]!.GetValue<string>());
        var task = runtime.Task(taskId);
        Assert.Equal("upstream flaky, try later", task["last_error"]);
        Assert.True(string.CompareOrdinal((string)task["available_at"]!, (string)task["updated_at"]!) > 0);
        Assert.Single(runtime.Attempts(taskId));
    }

    [Fact(Timeout = 180_000)]
    public async Task B3_RateLimitHints_AreCappedThenBlock()
    {
        using var runtime = await EchoRuntimeAsync(
            new JsonObject
            {
                ["mode"] = "echo", ["behavior"] = "raw", ["retry_hint_service"] = "aibtc",
                ["raw"] = """{"status":"blocked","operator_summary":"AIBTC heartbeat rejected: Rate limit exceeded. You can check in again in 1 seconds."}""",
            },
            r => r.Config["maxRateLimitRetries"] = 2);
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var statuses = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var result = await runtime.RunAsync("run-once");
            statuses.Add(result.Json["status"]!.GetValue<string>());
            if (statuses[^1] == "rate_limit_rescheduled")
            {
                Assert.Equal(1, result.Json["retry_after_seconds"]!.GetValue<int>());
                runtime.Clock!.Advance(TimeSpan.FromSeconds(1.1));
            }
        }

        Assert.Equal(["rate_limit_rescheduled", "rate_limit_rescheduled", "blocked"], statuses);
        var task = runtime.Task(taskId);
        Assert.Equal("blocked", task["status"]);
        Assert.Equal(1L, task["attempt_count"]); // the two hint reschedules were refunded
        Assert.StartsWith("Rate-limit retries exhausted after 2 reschedules:", JsonNode.Parse((string)task["outcome_json"]!)!["operator_summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, TestDb.EventTypes(runtime.DbPath, taskId).Count(e => e == "rate_limit_rescheduled"));
    }

    [Fact(Timeout = 120_000)]
    public async Task DisabledPlugin_TaskEndsWithOperatorReadableOutcome()
    {
        using var runtime = await EchoRuntimeAsync(new JsonObject { ["mode"] = "echo" }, r => r.Config["plugins"]!["disabled"] = new JsonArray("EchoPlugin"));
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var result = await runtime.RunAsync("run-once");

        Assert.Equal("permanent_failure", result.Json["status"]!.GetValue<string>());
        Assert.Equal("Adapter echo cannot run on this host: plugin EchoPlugin is disabled on this host", runtime.Task(taskId)["last_error"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task CompletedOutcome_FailingVerification_IsBlockedWithIssues()
    {
        using var runtime = await EchoRuntimeAsync(new JsonObject
        {
            ["mode"] = "echo", ["behavior"] = "raw",
            ["raw"] = """{"status":"completed","operator_summary":"done","machine_status":"ok","artifact_paths":["reports/missing.md"]}""",
        });
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var result = await runtime.RunAsync("run-once");

        Assert.Equal("blocked", result.Json["status"]!.GetValue<string>());
        Assert.Equal(["outcome artifact path is not a managed on-disk artifact: reports/missing.md"], result.Json["verification_issues"]!.AsArray().Select(n => n!.GetValue<string>()));
        var outcome = JsonNode.Parse((string)runtime.Task(taskId)["outcome_json"]!)!;
        Assert.Equal("Verification failed: outcome artifact path is not a managed on-disk artifact: reports/missing.md", outcome["operator_summary"]!.GetValue<string>());
    }

    [Fact(Timeout = 120_000)]
    public async Task B19_UnresolvableCredential_FinalizesAsPermanentFailureNamingTheProblem()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "echo should-not-run", extra: new JsonObject { ["env"] = new JsonObject { ["API_TOKEN_CREDENTIAL"] = "lumen-token" } });
        runtime.Save();
        var home = runtime.Directory.Combine("home");
        Directory.CreateDirectory(home);
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var result = await runtime.RunAsync(new Dictionary<string, string> { ["HOME"] = home }, "run-once");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("permanent_failure", result.Json["status"]!.GetValue<string>());
        var task = runtime.Task(taskId);
        Assert.Equal("permanent_failure", task["status"]);
        Assert.Contains($"credentials skill missing at {home}/.claude/skills/skills-repo/credentials/credentials.ts; cannot resolve *_CREDENTIAL refs", (string)task["last_error"]!, StringComparison.Ordinal);
        Assert.Equal("finished", runtime.Attempts(taskId).Single()["status"]);
    }
}
