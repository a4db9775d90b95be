using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// Whole processes of the published folder, each command run repeatedly after warm-ups: median,
/// min and max wall time and peak RSS; beside them the Bun runtime's same command in the same run
/// when <c>AGENT_RUNTIME_BUN</c> names it, and the ratio (ours / Bun). Figures, never asserted.
/// </summary>
internal static class OneShotSuite
{
    private const string Task = """{"kind":"aibtc-checkin","source":"benchmark","payload":{"check":"heartbeat"},"requested_adapter":"heartbeat"}""";

    private const string Schedule = """{"name":"bench-hourly","interval_seconds":3600,"task":{"kind":"aibtc-checkin","payload":{}}}""";

    public static void Run(string publishedFolder, int runs, int warmUps, TextWriter output)
    {
        var ours = Cli.Published(publishedFolder);
        var bun = Cli.Bun();
        var million = WebDatabase.Prepare(1_000_000, output);
        using var ourRuntime = new SuiteRuntime(million, copyMillion: false);
        using var bunRuntime = bun is null ? null : new SuiteRuntime(million, copyMillion: true);

        output.WriteLine($"whole process, {runs} runs after {warmUps} warm-ups; ms; peak RSS MB (max of the runs{(WholeProcess.ExactRss ? ", wait4 ru_maxrss via /usr/bin/time" : ", ~ = VmHWM polled, a lower bound")})");
        var header = $"{"command",-30} {"median",9} {"min",8} {"max",8} {"RSS MB",7}";
        output.WriteLine(bun is null ? header : header + $"   {"bun median",10} {"min",8} {"max",8} {"RSS MB",7}  {"ratio",6}");
        // Plugin commands go through the front end to agent-runtime-host: the hand-off's cost is the first
        // line against this one. Measured first, while the queue is still empty (later cases queue work).
        var host = Cli.PublishedHost(publishedFolder);
        var direct = Repeat(runs, warmUps, () => host.Run(ourRuntime.SmallDirectory, ourRuntime.SmallConfig, "run-once"));
        output.WriteLine($"{"run-once, empty, host itself",-30} {direct.Cells}   (agent-runtime-host without the front end)");
        foreach (var (name, measure) in Cases())
        {
            var ourSamples = Repeat(runs, warmUps, () => measure(ours, ourRuntime));
            var line = $"{name,-30} {ourSamples.Cells}";
            if (bun is not null && bunRuntime is not null)
            {
                try
                {
                    var bunSamples = Repeat(runs, warmUps, () => measure(bun, bunRuntime));
                    line += string.Create(CultureInfo.InvariantCulture, $"   {bunSamples.Cells[..9],10}{bunSamples.Cells[9..]}  {ourSamples.Median / bunSamples.Median,6:F2}");
                }
                catch (InvalidOperationException e)
                {
                    line += $"   bun failed: {e.Message.Split('\n')[0]}";
                }
            }

            output.WriteLine(line);
            output.Flush();
        }

        if (bun is null)
        {
            output.WriteLine($"Bun figures not measured: set {Cli.BunVariable} to a Bun runtime checkout (run as `bun run src/cli.ts`) or a command.");
        }
    }

    /// <summary>Each case: untimed preparation, then the one timed process.</summary>
    private static IEnumerable<(string Name, Func<Cli, SuiteRuntime, Sample> Measure)> Cases()
    {
        yield return ("run-once, empty queue", (cli, rt) => cli.Run(rt.SmallDirectory, rt.SmallConfig, "run-once"));
        yield return ("run-once, one script task", (cli, rt) =>
        {
            cli.Run(rt.SmallDirectory, rt.SmallConfig, "intake", "--json", Task);
            return cli.Run(rt.SmallDirectory, rt.SmallConfig, "run-once");
        });
        yield return ("intake", (cli, rt) => cli.Run(rt.SmallDirectory, rt.SmallConfig, "intake", "--json", Task));
        yield return ("status, 1,000 tasks", (cli, rt) => cli.Run(rt.ThousandDirectory, rt.ThousandConfig, "status"));
        yield return ("status, 1,000,000 tasks", (cli, rt) => cli.Run(rt.MillionDirectory, rt.MillionConfig, "status"));
        yield return ("schedule-tick, one schedule", (cli, rt) =>
        {
            cli.Run(rt.SmallDirectory, rt.SmallConfig, "schedule-create", "--json", Schedule);
            return cli.Run(rt.SmallDirectory, rt.SmallConfig, "schedule-tick");
        });
        var events = 0;
        var workflows = 0;
        yield return ("workflow-create", (cli, rt) =>
            cli.Run(rt.SmallDirectory, rt.SmallConfig, "workflow-create", "--template", "goal-loop", "--instance_key", $"bench-{cli.Name}-{workflows++}"));
        yield return ("workflow-list", (cli, rt) => cli.Run(rt.SmallDirectory, rt.SmallConfig, "workflow-list"));
        yield return ("sensor-event, new event", (cli, rt) =>
        {
            var id = $"bench-{cli.Name}-{events++}";
            var sensorEvent = new JsonObject
            {
                ["sensor_id"] = "bench", ["event_id"] = id, ["source_ref"] = $"bench://{id}", ["dedupe_key"] = id, ["payload"] = new JsonObject(),
                ["proposed_task"] = new JsonObject { ["kind"] = "aibtc-checkin", ["source"] = $"sensor:{id}", ["payload"] = new JsonObject() },
            }.ToJsonString();
            return cli.Run(rt.SmallDirectory, rt.SmallConfig, "sensor-event", "--json", sensorEvent);
        });
        yield return ("pause", (cli, rt) => cli.Run(rt.SmallDirectory, rt.SmallConfig, "pause", "--reason", "benchmark"));
        yield return ("resume", (cli, rt) =>
        {
            cli.Run(rt.SmallDirectory, rt.SmallConfig, "pause");
            return cli.Run(rt.SmallDirectory, rt.SmallConfig, "resume");
        });
        yield return ("cancel, a pending task", (cli, rt) =>
        {
            cli.Run(rt.SmallDirectory, rt.SmallConfig, ["intake", "--json", Task], out var queued);
            var taskId = JsonNode.Parse(queued)!["task_id"]!.GetValue<string>();
            return cli.Run(rt.SmallDirectory, rt.SmallConfig, "cancel", "--task", taskId);
        });
    }

    private static Samples Repeat(int runs, int warmUps, Func<Sample> measure)
    {
        for (var i = 0; i < warmUps; i++)
        {
            measure();
        }

        return new Samples(Enumerable.Range(0, runs).Select(_ => measure()).ToList());
    }
}
