using System.Globalization;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Resident;

/// <summary>An operator's pause and cancel, from other processes, while <c>serve</c> runs.</summary>
public sealed class ServeOperatorTests
{
    [Fact(Timeout = 180_000)]
    public async Task Serve_PausedThenPauseFileRemoved_ClaimsNothingWhilePausedAndResumesPromptly()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", """echo '{"status":"completed","operator_summary":"done"}'""");
        runtime.Save();
        var (serve, _) = await ServeProcess.StartAsync(runtime);
        using (serve)
        {
            var pause = await Cli(runtime, "pause", "--reason", "maintenance");
            Assert.Equal(0, pause.ExitCode);
            var taskId = (await Cli(runtime, "intake", "--json", """{"kind":"k","source":"s","payload":{}}""")).Json["task_id"]!.GetValue<string>();

            // Long enough for many wake-ups; a paused dispatcher must take none of them as leave to claim.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal("pending", runtime.Task(taskId)["status"]);

            // Cleared by hand, not by resume: no event is written, the file's absence alone must wake it.
            File.Delete(runtime.Directory.Combine("state", "dispatch.paused.json"));
            Assert.True(await ProcessTree.WaitUntilAsync(() => (string?)runtime.Task(taskId)["status"] == "completed", TimeSpan.FromSeconds(60)), $"task is {runtime.Task(taskId)["status"]}");

            await serve.SignalAsync("TERM");
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve did not stop");
            Assert.Equal(0, serve.ExitCode);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Serve_OperatorCancelsARunningAttempt_StopsItsTreeAndKeepsServing()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");
        runtime.AddScriptAdapter("script-ok", $"sleep 300 &\necho $! >> {pids}\necho $$ >> {pids}\nwait", timeoutMs: 120_000);
        runtime.Save();
        var (serve, _) = await ServeProcess.StartAsync(runtime);
        using (serve)
        {
            var taskId = (await Cli(runtime, "intake", "--json", """{"kind":"k","source":"s","payload":{}}""")).Json["task_id"]!.GetValue<string>();
            Assert.True(await ProcessTree.WaitUntilAsync(() => File.Exists(pids) && File.ReadAllLines(pids).Count(l => l.Length > 0) >= 2, TimeSpan.FromSeconds(60)), "the script never started");
            var launched = File.ReadAllLines(pids).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToDictionary(pid => pid, ProcessTree.StartTime);

            var cancel = await Cli(runtime, "cancel", "--task", taskId, "--reason", "not needed");
            Assert.True(cancel.ExitCode == 0, cancel.ToString());
            Assert.True(await ProcessTree.WaitUntilAsync(() => (string?)runtime.Task(taskId)["status"] == "operator_canceled", TimeSpan.FromSeconds(30)), $"task is {runtime.Task(taskId)["status"]}");
            foreach (var (pid, startTime) in launched)
            {
                Assert.True(await ProcessTree.GoneAsync(pid, startTime!), $"process {pid} survived");
            }

            Assert.False(await serve.WaitForExitAsync(TimeSpan.FromMilliseconds(200)), "serve stopped with the attempt");
            await serve.SignalAsync("TERM");
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve did not stop");
            Assert.Equal(0, serve.ExitCode);
        }
    }

    private static Task<CliResult> Cli(TestRuntime runtime, params string[] args) =>
        HostCli.RunAsync(runtime.Directory.Path, [.. args, "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(60));
}
