using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>The runtime the focused hostile-input tests start from: saved, with its database made by a first command.</summary>
internal static class HostileRuntime
{
    public static async Task<TestRuntime> StartedAsync()
    {
        var runtime = new TestRuntime().InProcess().Save();
        var status = await runtime.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        return runtime;
    }
}
