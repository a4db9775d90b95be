using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class CyclePhaseTests
{
    [Fact(Timeout = 60_000)]
    public async Task RunOnce_PhaseThatThrows_IsRecordedAndTheCycleStillClaims()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "echo '{\"status\":\"completed\",\"operator_summary\":\"ok\",\"machine_status\":\"ok\"}'");
        // In-process, so point at the plugins the solution build laid out beside the host.
        runtime.Config["plugins"] = new JsonObject { ["directory"] = Path.Combine(Repo.HostDirectory, "plugins") };
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        var later = new List<string>();

        await using (var host = RuntimeCore.Open(runtime.ConfigPath, CoreOptions.Default))
        {
            var cycle = new DispatchCycle(host.Dispatch());
            cycle.PreClaimPhases.Add(new CyclePhase("exploding", _ => throw new InvalidOperationException("phase blew up")));
            cycle.PreClaimPhases.Add(new CyclePhase("after", _ =>
            {
                later.Add("ran");
                return Task.CompletedTask;
            }));

            var result = await cycle.RunOnceAsync(CancellationToken.None);

            Assert.Equal("completed", result["status"]!.GetValue<string>());
        }

        Assert.Equal(["ran"], later);
        Assert.Equal("completed", runtime.Task(taskId)["status"]);
        var detail = JsonNode.Parse((string)TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'dispatch_phase_failed'")!)!.AsObject();
        Assert.Equal("exploding", detail["phase"]!.GetValue<string>());
        Assert.Equal("InvalidOperationException: phase blew up", detail["error"]!.GetValue<string>());
    }
}
