using System.Diagnostics;
using System.Globalization;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// Wall time of a whole <c>run-once</c> process, as the systemd timer starts it: on an empty queue,
/// with one script task, and idle beside a large table. Median and p90 of repeated runs. Figures for
/// a report; never asserted anywhere.
/// </summary>
internal static class RunOnceBenchmark
{
    private const int Runs = 21;

    public static int Run(string hostCommand, TextWriter output)
    {
        using var dir = new BenchmarkDirectory();
        var config = dir.WriteConfig();
        output.WriteLine($"run-once wall time, whole process ({hostCommand}), {Runs} runs each after 3 warm-ups");
        output.WriteLine($"{"case",-34} {"median ms",10} {"p90 ms",8} {"min ms",8}");

        output.WriteLine(Row("empty queue", Measure(hostCommand, config, dir.Path, before: null)));
        output.WriteLine(Row("one script task", Measure(hostCommand, config, dir.Path, before: () => Intake(hostCommand, config, dir.Path))));
        foreach (var size in new[] { 1_000, 250_000, 1_000_000 })
        {
            dir.Reset();
            using (var db = RuntimeDatabase.Open(dir.DbPath, TimeProvider.System))
            {
                TaskFiller.Fill(db, size, QueueMix.MostlyFinished, TimeProvider.System.GetUtcNow());

                // Keep the queue idle: a table of finished work, as on a long-running agent.
                db.Execute("UPDATE tasks SET status = 'completed' WHERE status IN ('pending', 'retryable_failure', 'running')");
            }

            output.WriteLine(Row($"idle, {size:N0} tasks in table", Measure(hostCommand, config, dir.Path, before: null)));
        }

        output.Flush();
        return 0;
    }

    private static string Row(string name, List<double> samples)
    {
        samples.Sort();
        var median = samples[samples.Count / 2];
        var p90 = samples[(int)Math.Ceiling(samples.Count * 0.9) - 1];
        return string.Create(CultureInfo.InvariantCulture, $"{name,-34} {median,10:F1} {p90,8:F1} {samples[0],8:F1}");
    }

    private static List<double> Measure(string hostCommand, string config, string workingDirectory, Action? before)
    {
        var samples = new List<double>();
        for (var i = 0; i < Runs + 3; i++)
        {
            before?.Invoke();
            var clock = Stopwatch.StartNew();
            RunHost(hostCommand, workingDirectory, "run-once", "--config", config);
            clock.Stop();
            if (i >= 3)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return samples;
    }

    private static void Intake(string hostCommand, string config, string workingDirectory) =>
        RunHost(hostCommand, workingDirectory, "intake", "--config", config, "--json",
            """{"kind":"aibtc-checkin","source":"benchmark","payload":{"check":"heartbeat"},"requested_adapter":"heartbeat"}""");

    private static void RunHost(string hostCommand, string workingDirectory, params string[] args)
    {
        var parts = hostCommand.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(parts[0]) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var part in parts.Skip(1).Concat(args))
        {
            start.ArgumentList.Add(part);
        }

        // RS0030 bans starting processes outside the process runners; the benchmark runs the published CLI as an operator would.
#pragma warning disable RS0030
        using var process = Process.Start(start)!;
#pragma warning restore RS0030
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{hostCommand} {string.Join(' ', args)} exited {process.ExitCode}");
        }
    }
}
