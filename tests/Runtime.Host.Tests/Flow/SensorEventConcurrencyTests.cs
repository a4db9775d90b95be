using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>
/// One sensor event delivered by many separate CLI processes at once: 40 by default, 1,000 in soak
/// mode (<c>scripts/soak.sh</c>). It runs alone (its collection disables parallelization) so its
/// load does not starve timing-sensitive tests.
/// </summary>
[Collection(nameof(ExclusiveCollection))]
[Trait(Soak.Category, Soak.Trait)]
public sealed class SensorEventConcurrencyTests(ITestOutputHelper output)
{
    private const string Event = SensorEventTests.Event;

    [Fact(Timeout = 600_000)]
    public async Task SensorEvent_SameEventFromManyConcurrentProcesses_YieldsExactlyOneRecordAndOneTask()
    {
        using var runtime = new TestRuntime().Save();

        // Open the database once so the processes race on the event, not on creating the file.
        Assert.Equal(0, (await runtime.RunAsync("status")).ExitCode);
        var deliveries = Soak.Size(reduced: 40, full: 1000);
        var parallelism = Math.Max(4, Environment.ProcessorCount * 4);
        using var gate = new SemaphoreSlim(parallelism);
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, deliveries).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                return await HostCli.RunAsync(runtime.Directory.Path, ["sensor-event", "--json", Event, "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(120));
            }
            finally
            {
                gate.Release();
            }
        }));
        clock.Stop();
        output.WriteLine($"{deliveries} sensor-event processes, {parallelism} at a time: {clock.Elapsed.TotalSeconds:F1} s");

        var failed = results.Where(r => r.ExitCode != 0).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} deliveries failed; first: {failed.FirstOrDefault()}");
        Assert.Equal(1, results.Count(r => r.Json["accepted"]!.GetValue<bool>()));
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM sensor_events"));
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks"));
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM workflows"));
        Assert.Equal(deliveries - 1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'sensor_event_deduped'"));
        var accepted = results.Single(r => r.Json["accepted"]!.GetValue<bool>()).Json;
        Assert.Equal(accepted["task_id"]!.GetValue<string>(), TestDb.Scalar(runtime.DbPath, "SELECT task_id FROM sensor_events"));
    }
}
