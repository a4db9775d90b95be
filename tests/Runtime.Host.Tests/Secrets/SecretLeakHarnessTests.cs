using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Host.Tests.Secrets;

/// <summary>
/// Issue 11's secrets harness: secrets planted in every source (<see cref="SecretLeakHarness"/>),
/// tasks run through the real Script plugin and the EchoPlugin loaded from disk (one watched live
/// through a real <c>web</c> process's API while it runs, ones that succeed, one that fails, and the tasks a bridge
/// event, a sensor event, a schedule and a workflow queue), then every CLI command and API route
/// that shows state is called, and every persisted byte and every response is searched for every
/// planted value and its encoded forms (<see cref="SecretLeakSearch"/>).
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

        await using var web = await WebProcess.StartAsync(runtime, harness.Environment);

        // The slow task's live output, read through the web API while the attempt runs.
        var running = harness.RunAsync("run-once");
        var liveReads = await WatchLiveOutputAsync(harness, web, slowId, running);
        var first = await running;
        Assert.True(first.ExitCode == 0, first.ToString());

        // Queued after the slow task ran: a bridge task outranks the intake's.
        await PlantInputsAsync(harness);

        // Until the queue is empty (the workflow's tasks come one at a time), bounded.
        var cycles = 1;
        for (; cycles < ids.Count + 30; cycles++)
        {
            var run = await harness.RunAsync("run-once");
            Assert.True(run.ExitCode == 0, run.ToString());
            if (run.Json["status"]?.GetValue<string>() == "idle")
            {
                break;
            }
        }

        foreach (var command in new[] { "status", "snapshot", "adapters", "healthcheck", "plugins", "workflow-list", "report", "schedule-tick" })
        {
            await harness.RunAsync(command);
        }

        await harness.RunAsync("workflow-show", "--instance_key", "harness-goal");
        var allIds = TestDb.Query(runtime.DbPath, "SELECT task_id FROM tasks").Select(r => (string)r["task_id"]!).ToList();
        foreach (var route in Routes(runtime, allIds))
        {
            harness.Responses.Add(($"GET {route}", await web.GetAsync(route)));
        }

        var result = harness.FindLeaks();
        output.WriteLine($"tasks: {allIds.Count}; run-once cycles: {cycles}; files searched: {result.FilesSearched} ({result.BytesSearched} bytes); responses searched: {result.ResponsesSearched} (live output reads: {liveReads}); input-row cells holding an input-borne value: {result.KeptInInputRows}");
        foreach (var (source, places) in result.Leaks)
        {
            output.WriteLine($"{source} ({SecretLeakHarness.Planted[source]}): {places.Count} occurrence(s){(places.Count > 0 ? ": " + string.Join("; ", places) : "")}");
        }

        // The scripts did print every planted value: what is searched below is the masked record of it.
        var stdout = runtime.Attempts(ids[^1]).Single()["stdout_path"] as string;
        var printed = await File.ReadAllTextAsync(stdout!);
        Assert.Contains("SERVICE_PASSWORD=***", printed, StringComparison.Ordinal);
        Assert.Contains("DEPLOY_TOKEN=***", printed, StringComparison.Ordinal);
        Assert.Contains("HARNESS_PROC_VALUE=***", printed, StringComparison.Ordinal);
        Assert.Contains("split: ***", printed, StringComparison.Ordinal);
        Assert.Contains("url: https://example.invalid/?t=***", printed, StringComparison.Ordinal);
        Assert.Contains("MODEL_NAME=not-a-secret-value", printed, StringComparison.Ordinal);
        Assert.True(liveReads > 0, "the live output route was never read while the attempt ran");
        var ran = TestDb.Query(runtime.DbPath, "SELECT source, requested_adapter FROM tasks WHERE status <> 'queued'");
        Assert.Contains(ran, r => (string)r["source"]! == "discord-bridge");
        Assert.Contains(ran, r => ((string)r["source"]!).StartsWith("sensor:", StringComparison.Ordinal));
        Assert.Contains(ran, r => ((string)r["source"]!).StartsWith("schedule:", StringComparison.Ordinal));
        Assert.Contains(ran, r => ((string)r["source"]!).StartsWith("workflow:", StringComparison.Ordinal));
        Assert.Contains(ran, r => (string)r["requested_adapter"]! == SecretLeakHarness.VaultAdapterId);

        Assert.True(result.Leaks.Values.All(p => p.Count == 0), string.Join("\n", result.Leaks.Where(l => l.Value.Count > 0).Select(l => $"{l.Key}: {string.Join("; ", l.Value)}")));
    }

    /// <summary>The sources besides the intake: a workflow context, a sensor event, a schedule (ticked once), a bridge message and a task for the plugin that registers a secret.</summary>
    private static async Task PlantInputsAsync(SecretLeakHarness harness)
    {
        var planted = SecretLeakHarness.Planted;
        var context = new JsonObject { ["summary"] = "harness goal", ["objective"] = "finish", ["deploy_secret"] = planted["workflow context"] };
        await OkAsync(harness, "workflow-create", "--template", "goal-loop", "--instance_key", "harness-goal", "--context", context.ToJsonString());
        var sensor = new JsonObject
        {
            ["sensor_id"] = "harness-sensor", ["event_id"] = "e-1", ["observed_at"] = "2026-04-29T10:00:00Z", ["source_ref"] = "harness://e-1", ["dedupe_key"] = "harness:e-1",
            ["payload"] = new JsonObject { ["summary"] = "sensor saw it", ["sensor_token"] = planted["sensor event payload"] },
            ["proposed_task"] = new JsonObject
            {
                ["kind"] = "leak", ["source"] = "sensor:harness", ["payload"] = new JsonObject { ["mode"] = "sensor", ["sensor_token"] = planted["sensor event payload"] },
            },
        };
        await OkAsync(harness, "sensor-event", "--json", sensor.ToJsonString());
        var schedule = new JsonObject
        {
            ["name"] = "harness-schedule", ["interval_seconds"] = 3600, ["next_run_at"] = "2026-01-01T00:00:00.000Z",
            ["task"] = new JsonObject
            {
                ["kind"] = "leak", ["source"] = "schedule:harness", ["payload"] = new JsonObject { ["mode"] = "schedule", ["schedule_password"] = planted["schedule task template"] },
            },
        };
        await OkAsync(harness, "schedule-create", "--json", schedule.ToJsonString());
        await OkAsync(harness, "schedule-tick");
        var discord = harness.Runtime.Directory.Write("inputs/discord.json", new JsonObject
        {
            ["channel"] = "ops", ["author"] = "someone", ["message"] = $"deploy key is {planted["bridge message (known secret)"]}, please rotate",
        }.ToJsonString());
        await OkAsync(harness, "bridge-discord", "--file", discord);
        await OkAsync(harness, "intake", "--json", $$"""{"kind":"leak","source":"harness","subject":"vault","payload":{"mode":"vault"},"requested_adapter":"{{SecretLeakHarness.VaultAdapterId}}"}""");
    }

    /// <summary>Every GET route of the web API and UI, for every task, attempt, artifact and snapshot there is.</summary>
    private static List<string> Routes(TestRuntime runtime, IEnumerable<string> taskIds)
    {
        var routes = new List<string>
        {
            "/", "/index.html", "/artifacts", "/snapshots", "/api/heartbeat", "/api/pause",
            "/api/tasks", "/api/tasks?status=blocked", "/api/tasks?status=completed", "/api/tasks/queue", "/api/events", "/api/state", "/api/snapshot", "/api/snapshots",
            "/api/report", "/api/report/latest", "/api/artifacts", "/api/workflows", "/api/schedules", "/api/sensors/events",
        };
        foreach (var id in taskIds)
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

        return routes;
    }

    private static async Task OkAsync(SecretLeakHarness harness, params string[] args)
    {
        var result = await harness.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static async Task<string> IntakeAsync(SecretLeakHarness harness, string marker)
    {
        var result = await harness.RunAsync("intake", "--json", SecretLeakHarness.PayloadJson(marker));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json["task_id"]!.GetValue<string>();
    }

    /// <summary>Reads the running attempt's output through the API until the run ends; returns how many reads saw it running.</summary>
    private static async Task<int> WatchLiveOutputAsync(SecretLeakHarness harness, WebProcess web, string taskId, Task<CliResult> running)
    {
        var reads = 0;
        while (!running.IsCompleted)
        {
            var attempt = harness.Runtime.Attempts(taskId).FirstOrDefault();
            if (attempt is not null)
            {
                foreach (var channel in new[] { "stdout", "stderr" })
                {
                    var body = await web.GetAsync($"/api/attempts/{attempt["attempt_id"]}/output?channel={channel}&offset=0");
                    harness.Responses.Add(($"GET live output {channel}", body));
                    if (JsonNode.Parse(body)?["running"] is JsonValue value && value.GetValue<bool>())
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
