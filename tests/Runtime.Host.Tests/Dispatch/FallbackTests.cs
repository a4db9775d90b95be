using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class FallbackTests
{
    private const string Completed = """{"status":"completed","operator_summary":"served by the fallback","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}""";

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_FirstAdapterExecutableMissing_SecondServesAndFallbackIsRecorded()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Config["defaultAdapter"] = "codex-main";
        runtime.Adapters["codex-main"] = new JsonObject
        {
            ["mode"] = "agent-cli", ["driver"] = "codex", ["command"] = "./bin/not-installed-codex", ["timeoutMs"] = 5000, ["fallback_adapter"] = "script-ok",
        };
        runtime.AddScriptAdapter("script-ok", $"echo '{Completed}'");
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{},"requested_adapter":"codex-main"}""");

        var result = await runtime.RunAsync("run-once");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("completed", result.Json["status"]!.GetValue<string>());
        var attempt = runtime.Attempts(taskId).Single();
        Assert.Equal("script-ok", attempt["adapter_id"]);
        Assert.Equal("script", attempt["adapter_kind"]);
        var fallback = TestDb.Query(runtime.DbPath, "SELECT attempt_id, detail_json FROM run_events WHERE event_type = 'adapter_fallback_used' AND task_id = $t", ("$t", taskId)).Single();
        Assert.Equal(attempt["attempt_id"], fallback["attempt_id"]);
        var detail = JsonNode.Parse((string)fallback["detail_json"]!)!.AsObject();
        Assert.Equal(["runner_id", "requested_adapter", "selected_adapter", "chain"], detail.Select(p => p.Key));
        Assert.Equal("codex-main", detail["requested_adapter"]!.GetValue<string>());
        Assert.Equal("script-ok", detail["selected_adapter"]!.GetValue<string>());
        Assert.Equal(
            $$"""[{"adapterId":"codex-main","ok":false,"reason":"command not found: {{runtime.Directory.Combine("config", "bin", "not-installed-codex")}}"},{"adapterId":"script-ok","ok":true}]""",
            detail["chain"]!.ToJsonString());
        var log = File.ReadAllLines(Path.Combine(runtime.StateDir, "logs", "runtime.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(["adapter_fallback_used", "bundle_compiled", "adapter_result"], log.Select(l => l["event"]!.GetValue<string>()));
        Assert.Equal(["ts", "event", "task_id", "attempt_id", "requested_adapter", "selected_adapter", "chain"], log[0].Select(p => p.Key));
    }
}
