using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>Task rows the claim can never pick up (a status that does not exist, an <c>available_at</c> that is not a date) are listed by <c>healthcheck</c>.</summary>
public sealed class StoredTaskCheckTests
{
    [Fact(Timeout = 120_000)]
    public async Task Healthcheck_TasksTheClaimNeverPicksUp_ListedUnderDataIssues()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo done");
        runtime.Save();
        foreach (var source in new[] { "odd-status", "odd-date", "fine" })
        {
            var intake = await runtime.RunAsync("intake", "--json", $$$"""{"kind":"k","source":"{{{source}}}","payload":{}}""");
            Assert.True(intake.ExitCode == 0, intake.ToString());
        }

        var healthy = await runtime.RunAsync("healthcheck");
        TestDb.Execute(runtime.DbPath, "UPDATE tasks SET status = 'weird' WHERE source = 'odd-status'");
        TestDb.Execute(runtime.DbPath, "UPDATE tasks SET available_at = 'soon' WHERE source = 'odd-date'");
        var result = await runtime.RunAsync("healthcheck");

        Assert.True(healthy.ExitCode == 0 && !healthy.Json.ContainsKey("dataIssues"), healthy.ToString());
        Assert.Equal(1, result.ExitCode);
        var id = (string)TestDb.Scalar(runtime.DbPath, "SELECT task_id FROM tasks WHERE source = 'odd-status'")!;
        var dateId = (string)TestDb.Scalar(runtime.DbPath, "SELECT task_id FROM tasks WHERE source = 'odd-date'")!;
        Assert.Equal(
            [$"task {id}: status \"weird\" does not exist; it is never claimed", $"task {dateId}: available_at \"soon\" is not a date; it is never claimed"],
            result.Json["dataIssues"]!.AsArray().Select(n => n!.GetValue<string>()));
    }
}
