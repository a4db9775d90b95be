using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Host.Tests.Secrets;

/// <summary>
/// Issue 11's secrets harness: secrets planted in every source (<see cref="SecretLeakHarness"/>),
/// tasks run through the real Script plugin (one watched live through the web API while it runs,
/// ones that succeed, one that fails), then every CLI command and API route that shows state is
/// called, and every persisted byte and every response is searched for every planted value.
/// Reduced size by default; <c>AGENT_RUNTIME_SOAK=1</c> runs more tasks.
/// </summary>
[Trait(Soak.Category, Soak.Trait)]
public sealed class SecretLeakHarnessTests(ITestOutputHelper output)
{
    [Fact(Timeout = 300_000)]
    public async Task Harness_SecretsPlantedInEverySource_NoPlantedValuePersistedOrShown()
    {
        using var harness = new SecretLeakHarness();
        var runtime = harness.Runtime;
        runtime.Config["maxAttempts"] = 1;
        runtime.Save();
        var slowId = await IntakeAsync(harness, "slow");
        var ids = new List<string> { slowId, await IntakeAsync(harness, "fail") };
        for (var i = 0; i < Soak.Size(2, 20); i++)
        {
            ids.Add(await IntakeAsync(harness, $"ok-{i}"));
        }

        await using var web = await WebServerFixture.StartAsync(runtime);

        // The slow task's live output, read through the web API while the attempt runs.
        var running = harness.RunAsync("run-once");
        var liveReads = await WatchLiveOutputAsync(harness, web, slowId, running);
        var first = await running;
        Assert.True(first.ExitCode == 0, first.ToString());
        for (var i = 1; i < ids.Count; i++)
        {
            var run = await harness.RunAsync("run-once");
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        foreach (var command in new[] { "status", "snapshot", "adapters", "healthcheck", "workflow-list", "report" })
        {
            await harness.RunAsync(command);
        }

        var routes = new List<string>
        {
            "/api/tasks", "/api/tasks?status=blocked", "/api/tasks/queue", "/api/events", "/api/state", "/api/snapshot", "/api/snapshots",
            "/api/report", "/api/report/latest", "/api/artifacts", "/api/workflows", "/api/schedules",
        };
        foreach (var id in ids)
        {
            routes.Add($"/api/tasks/{id}");
            foreach (var attempt in runtime.Attempts(id))
            {
                routes.Add($"/api/attempts/{attempt["attempt_id"]}/output?channel=stdout&offset=0");
                routes.Add($"/api/attempts/{attempt["attempt_id"]}/output?channel=stderr&offset=0");
            }
        }

        foreach (var file in Directory.EnumerateFiles(runtime.ArtifactDir, "*", SearchOption.AllDirectories))
        {
            routes.Add($"/api/artifact?path={Uri.EscapeDataString(Path.GetRelativePath(runtime.ArtifactDir, file))}");
        }

        foreach (var route in routes)
        {
            var response = await web.GetAsync(route);
            harness.Responses.Add(($"GET {route}", response.Body));
        }

        // The scripts did print every planted value: what is searched below is the masked record of it.
        var stdout = runtime.Attempts(ids[^1]).Single()["stdout_path"] as string;
        var printed = await File.ReadAllTextAsync(stdout!);
        Assert.Contains("SERVICE_PASSWORD=***", printed, StringComparison.Ordinal);
        Assert.Contains("DEPLOY_TOKEN=***", printed, StringComparison.Ordinal);
        Assert.Contains("HARNESS_PROC_VALUE=***", printed, StringComparison.Ordinal);
        Assert.Contains("split: ***", printed, StringComparison.Ordinal);
        Assert.Contains("MODEL_NAME=not-a-secret-value", printed, StringComparison.Ordinal);
        Assert.True(liveReads > 0, "the live output route was never read while the attempt ran");

        var leaks = harness.FindLeaks();
        output.WriteLine($"tasks: {ids.Count}; files searched: {Directory.EnumerateFiles(runtime.StateDir, "*", SearchOption.AllDirectories).Count()}; responses searched: {harness.Responses.Count} (live output reads: {liveReads})");
        foreach (var (source, places) in leaks)
        {
            output.WriteLine($"{source} ({SecretLeakHarness.Planted[source]}): {places.Count} occurrence(s){(places.Count > 0 ? ": " + string.Join("; ", places) : "")}");
        }

        Assert.True(leaks.Values.All(p => p.Count == 0), string.Join("\n", leaks.Where(l => l.Value.Count > 0).Select(l => $"{l.Key}: {string.Join("; ", l.Value)}")));
    }

    private static async Task<string> IntakeAsync(SecretLeakHarness harness, string marker)
    {
        var result = await harness.RunAsync("intake", "--json", SecretLeakHarness.PayloadJson(marker));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json["task_id"]!.GetValue<string>();
    }

    /// <summary>Reads the running attempt's output through the API until the run ends; returns how many reads saw it running.</summary>
    private static async Task<int> WatchLiveOutputAsync(SecretLeakHarness harness, WebServerFixture web, string taskId, Task<CliResult> running)
    {
        var reads = 0;
        while (!running.IsCompleted)
        {
            var attempt = harness.Runtime.Attempts(taskId).FirstOrDefault();
            if (attempt is not null)
            {
                foreach (var channel in new[] { "stdout", "stderr" })
                {
                    var response = await web.GetAsync($"/api/attempts/{attempt["attempt_id"]}/output?channel={channel}&offset=0");
                    harness.Responses.Add(($"GET live output {channel}", response.Body));
                    if (response.Json["running"] is JsonValue value && value.GetValue<bool>())
                    {
                        reads++;
                    }
                }
            }

            await Task.Delay(100);
        }

        return reads;
    }
}
