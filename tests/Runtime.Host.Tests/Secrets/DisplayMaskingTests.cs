using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Secrets;

/// <summary>
/// A workflow context, a schedule's task template and a sensor event payload keep their secret
/// values in their own input row (the runtime acts on them) and show <c>***</c> everywhere else:
/// CLI output, the API, snapshots.
/// </summary>
public sealed class DisplayMaskingTests
{
    private const string ContextSecret = "wf-ctx-Tk3391x";
    private const string TemplateSecret = "sch-tmpl-Pw7781y";
    private const string SensorSecret = "sensor-pl-Ak5520z";

    [Fact(Timeout = 120_000)]
    public async Task WorkflowContext_SecretKey_MaskedInCliApiAndSnapshotKeptInRow()
    {
        using var runtime = new TestRuntime().InProcess().Save();

        var outputs = new List<string>
        {
            Ok(await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "wf", "--context", $$"""{"summary":"Ship","api_token":"{{ContextSecret}}"}""")),
            Ok(await runtime.RunAsync("workflow-show", "--instance_key", "wf")),
            Ok(await runtime.RunAsync("workflow-list")),
            Ok(await runtime.RunAsync("snapshot")),
        };
        await using (var web = await WebServerFixture.StartAsync(runtime))
        {
            outputs.Add((await web.GetAsync("/api/workflows")).Body);
            outputs.Add((await web.GetAsync("/api/snapshot")).Body);
        }

        Assert.All(outputs, text => Assert.DoesNotContain(ContextSecret, text, StringComparison.Ordinal));
        Assert.Contains("\"api_token\": \"***\"", outputs[1], StringComparison.Ordinal);
        Assert.Contains("Ship", outputs[1], StringComparison.Ordinal);
        AssertNoFileHolds(runtime, ContextSecret);
        var row = TestDb.Query(runtime.DbPath, "SELECT context_json FROM workflows").Single();
        Assert.Contains(ContextSecret, (string)row["context_json"]!, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task ScheduleTemplate_SecretKey_MaskedInCliAndApiKeptInRow()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        var schedule = $$"""
            {"name":"nightly","interval_seconds":300,"next_run_at":"2026-04-29T10:00:00.000Z",
             "task":{"kind":"k","source":"schedule:nightly","payload":{"db_password":"{{TemplateSecret}}","note":"plain"} } }
            """;

        var outputs = new List<string> { Ok(await runtime.RunAsync("schedule-create", "--json", schedule)) };
        await using (var web = await WebServerFixture.StartAsync(runtime))
        {
            outputs.Add((await web.GetAsync("/api/schedules")).Body);
        }

        Assert.All(outputs, text => Assert.DoesNotContain(TemplateSecret, text, StringComparison.Ordinal));
        Assert.All(outputs, text => Assert.Contains("plain", text, StringComparison.Ordinal));
        AssertNoFileHolds(runtime, TemplateSecret);
        var row = TestDb.Query(runtime.DbPath, "SELECT task_json FROM schedules").Single();
        Assert.Contains(TemplateSecret, (string)row["task_json"]!, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task SensorPayload_SecretKey_MaskedInCliAndApiKeptInRow()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        var evt = $$"""
            {"sensor_id":"s","event_id":"e1","observed_at":"2026-04-29T10:00:00Z","source_ref":"x://1","dedupe_key":"s:e1",
             "payload":{"summary":"external","auth_token":"{{SensorSecret}}"},
             "proposed_task":{"kind":"k","source":"sensor:s","payload":{"auth_token":"{{SensorSecret}}"} } }
            """;

        var outputs = new List<string> { Ok(await runtime.RunAsync("sensor-event", "--json", evt)) };
        await using (var web = await WebServerFixture.StartAsync(runtime))
        {
            outputs.Add((await web.GetAsync("/api/sensors/events")).Body);
            outputs.Add((await web.GetAsync("/api/tasks")).Body);
            outputs.Add((await web.GetAsync("/api/events")).Body);
        }

        Assert.All(outputs, text => Assert.DoesNotContain(SensorSecret, text, StringComparison.Ordinal));
        Assert.Contains("external", outputs[1], StringComparison.Ordinal);
        AssertNoFileHolds(runtime, SensorSecret);
        var row = TestDb.Query(runtime.DbPath, "SELECT payload_json FROM sensor_events").Single();
        Assert.Contains(SensorSecret, (string)row["payload_json"]!, StringComparison.Ordinal);
    }

    private static string Ok(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout + result.Stderr;
    }

    /// <summary>No file under the state directory but the database (whose input row keeps the value) holds it.</summary>
    private static void AssertNoFileHolds(TestRuntime runtime, string secret)
    {
        foreach (var file in Directory.EnumerateFiles(runtime.StateDir, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("runtime.db", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(secret, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}
