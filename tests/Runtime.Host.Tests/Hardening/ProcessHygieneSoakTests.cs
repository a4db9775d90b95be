using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.Flow;
using AgentRuntime.Host.Tests.Resident;
using AgentRuntime.Host.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Host.Tests.Hardening;

/// <summary>
/// Issue 11 harness, process hygiene: <c>serve</c> runs tasks whose scripts leave background
/// children, grandchildren holding the pipes (ignoring SIGTERM), descendants in a session of their
/// own, double forks, children with a cleared environment, and timeouts. Afterwards no process of
/// any attempt is left (every one carries a per-test marker in its environment or command line),
/// serve has no zombie child, and its descriptor count is flat. 42 tasks by default, 1,000 in soak
/// mode (<c>scripts/soak.sh</c>).
/// </summary>
[Collection(nameof(ExclusiveCollection))]
[Trait(Soak.Category, Soak.Trait)]
public sealed class ProcessHygieneSoakTests(ITestOutputHelper output)
{
    private static readonly string[] Modes = ["plain", "background", "grandchild", "escape", "double-fork", "clear-env", "timeout"];

    [Fact(Timeout = 3_600_000)]
    public async Task Serve_ScriptsLeavingDescendantsAndTimingOut_NoSurvivorNoZombieFlatDescriptors()
    {
        var count = Soak.Size(reduced: 42, full: 1000);
        var marker = $"hygiene-{Guid.NewGuid():N}";
        using var runtime = new TestRuntime();
        runtime.Config["maxConcurrentAttempts"] = 4;
        runtime.Config["maxAttempts"] = 1;
        var env = new JsonObject { ["HYGIENE_MARKER"] = marker };
        runtime.AddScriptAdapter("script-ok", Script(marker), timeoutMs: 30_000, extra: new JsonObject { ["env"] = env.DeepClone() });
        runtime.AddScriptAdapter("slow", Script(marker), timeoutMs: 1_000, extra: new JsonObject { ["env"] = env.DeepClone() });
        runtime.Save();
        for (var i = 0; i < count; i++)
        {
            var mode = Modes[i % Modes.Length];
            var adapter = mode == "timeout" ? "slow" : "script-ok";
            var intake = await InProcessCli.RunAsync(
                runtime.Directory.Path,
                ["intake", "--json", $$"""{"kind":"k","source":"s","payload":{"args":["{{mode}}"]},"requested_adapter":"{{adapter}}"}""", "--config", runtime.ConfigPath],
                TimeProvider.System);
            Assert.True(intake.ExitCode == 0, intake.ToString());
        }

        var (serve, _) = await ServeProcess.StartAsync(runtime);
        using (serve)
        {
            Assert.True(await ProcessTree.WaitUntilAsync(() => Terminal(runtime) >= Math.Min(count, 14), TimeSpan.FromMinutes(5)), "the first tasks did not finish");
            var warm = ProcScan.Descriptors(serve.Id);
            var done = await ProcessTree.WaitUntilAsync(() => Terminal(runtime) == count, TimeSpan.FromMinutes(count / 4 + 5));
            Assert.True(done, $"{Terminal(runtime)} of {count} tasks finished");
            var end = ProcScan.Descriptors(serve.Id);

            // Leftovers are stopped within the attempt; give a killed process a moment to exit.
            IReadOnlyList<string> survivors = [];
            await ProcessTree.WaitUntilAsync(() => (survivors = ProcScan.Marked(marker)).Count == 0, TimeSpan.FromSeconds(10));
            var zombies = ProcScan.ZombieChildren(serve.Id);
            output.WriteLine($"{count} tasks: {survivors.Count} survivors, {zombies} zombie children of serve, descriptors {warm} after warm-up, {end} at the end");

            Assert.True(survivors.Count == 0, $"{survivors.Count} survivors:\n{string.Join('\n', survivors.Take(20))}");
            Assert.Equal(0, zombies);
            Assert.InRange(end, 0, warm + 8);
            var statuses = TestDb.Query(runtime.DbPath, "SELECT requested_adapter AS adapter, status, COUNT(*) AS n FROM tasks GROUP BY 1, 2");
            Assert.All(statuses, row => Assert.Equal((string)row["adapter"]! == "slow" ? "blocked" : "completed", row["status"]));
            Assert.Equal((long)count, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM task_attempts WHERE status = 'finished'"));

            await serve.SignalAsync("TERM");
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve did not stop");
        }
    }

    private static long Terminal(TestRuntime runtime) =>
        (long)TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks WHERE status IN ('completed', 'blocked')")!;

    private static string Script(string marker) => $$"""
        case "$1" in
          background) sleep 300 > /dev/null 2>&1 & ;;
          grandchild) ( trap '' TERM; sh -c 'sleep 300; :' ) & ;;
          escape) setsid sleep 300 > /dev/null 2>&1 & ;;
          double-fork) sh -c 'sh -c "sleep 300" > /dev/null 2>&1 &' ;;
          clear-env) env -i /bin/sh -c 'sleep 300; : {{marker}}' > /dev/null 2>&1 & ;;
          timeout) sleep 300 & sleep 300 ;;
        esac
        echo '{"status":"completed","operator_summary":"done","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}'
        """;
}
