using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Tests.TestSupport;

namespace AgentRuntime.Plugins.Tests.EndToEnd;

/// <summary>
/// The host owns the attempt deadline (SDK 1.1): an adapter without <c>timeoutMs</c> that hangs is
/// stopped by the plugin at the host's default (<c>defaultAdapterTimeoutMs</c>), and the audit files
/// keep what was launched and what it printed. Before, the host's guard cut the attempt instead and
/// <c>invocation.json</c> recorded <c>command: null</c> with the output lost.
/// </summary>
public sealed class HostDeadlineRunOnceTests
{
    private const int DefaultTimeoutMs = 1500;

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_ScriptWithoutTimeoutMsHangs_StoppedAtDefaultDeadlineWithInvocationAndOutput()
    {
        using var runtime = Hanging(new JsonObject { ["mode"] = "script" });
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();

        CycleAssert.TimedOut(runtime, run, taskId, DefaultTimeoutMs);
        var invocation = runtime.Invocation(taskId, run.AttemptId);
        Assert.Equal("script", invocation["driver"]!.GetValue<string>());
        Assert.Equal(Repo.Fixture("fake-agent"), invocation["command"]!.GetValue<string>());
        Assert.Empty(invocation["args"]!.AsArray());
        Assert.Equal(runtime.WorkDirectory, invocation["cwd"]!.GetValue<string>());
        Assert.Equal("started\n", File.ReadAllText(runtime.AuditFile(taskId, run.AttemptId, "stdout.log")));
        Assert.Empty(await runtime.SurvivorsAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_AgentCliWithoutTimeoutMsHangs_StoppedAtDefaultDeadlineWithInvocationAndOutput()
    {
        using var runtime = Hanging(new JsonObject { ["mode"] = "agent-cli", ["driver"] = "hermes-agent" });
        var taskId = await runtime.IntakeAsync();

        var run = await runtime.RunOnceAsync();

        CycleAssert.TimedOut(runtime, run, taskId, DefaultTimeoutMs);
        var invocation = runtime.Invocation(taskId, run.AttemptId);
        var prompt = File.ReadAllText(runtime.AuditFile(taskId, run.AttemptId, "assembled-context.txt"));
        Assert.Equal("hermes-agent", invocation["driver"]!.GetValue<string>());
        Assert.Equal(Repo.Fixture("fake-agent"), invocation["command"]!.GetValue<string>());
        Assert.Equal(["chat", "-Q", "-q", prompt], invocation["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("started\n", File.ReadAllText(runtime.AuditFile(taskId, run.AttemptId, "stdout.log")));
        Assert.Empty(await runtime.SurvivorsAsync());
    }

    /// <summary>A runtime whose only adapter runs the fake agent in <c>sleep</c> mode, with no <c>timeoutMs</c> and a short default.</summary>
    private static EndToEndRuntime Hanging(JsonObject adapter)
    {
        var runtime = new EndToEndRuntime();
        runtime.Runtime.Config["defaultAdapterTimeoutMs"] = DefaultTimeoutMs;
        adapter["command"] = Repo.Fixture("fake-agent");
        adapter["workingDir"] = runtime.WorkDirectory;
        adapter["env"] = new JsonObject { ["FAKE_MODE"] = "sleep" };
        runtime.Use(adapter);
        return runtime;
    }
}
