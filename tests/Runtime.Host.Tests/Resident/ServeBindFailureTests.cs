using System.Net;
using System.Net.Sockets;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Resident;

/// <summary>
/// Found by the issue 11 concurrency harness: <c>serve</c> on a port already in use exited with
/// "cannot listen" after its dispatcher had claimed a task, leaving the attempt running (an
/// attempt spent, and the task stuck until another dispatcher's boot sweep).
/// </summary>
public sealed class ServeBindFailureTests
{
    [Fact(Timeout = 180_000)]
    public async Task Serve_PortInUse_ExitsWithClearErrorAndLeavesNoAttemptRunning()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "sleep 5\necho '{\"status\":\"completed\",\"operator_summary\":\"ok\",\"machine_status\":\"ok\"}'");
        runtime.Save();
        for (var i = 0; i < 3; i++)
        {
            await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        }

        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await HostCli.RunAsync(runtime.Directory.Path, ["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("cannot listen", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM task_attempts WHERE status = 'running'"));
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks WHERE status = 'running'"));
    }
}
