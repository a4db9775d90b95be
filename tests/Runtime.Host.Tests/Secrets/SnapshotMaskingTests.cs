using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Secrets;

public sealed class SnapshotMaskingTests
{
    private const string Secret = "old-row-Pw-6612";

    [Fact(Timeout = 120_000)]
    public async Task Snapshot_RowWrittenBeforeMasking_ConfigSecretMaskedInOutputAndFile()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo ok", extra: new JsonObject { ["env"] = new JsonObject { ["SERVICE_PASSWORD"] = Secret } });
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        TestDb.Execute(
            runtime.DbPath,
            "UPDATE tasks SET status = 'completed', outcome_json = $outcome WHERE task_id = $id",
            ("$outcome", $$"""{"operator_summary":"logged in with {{Secret}}","artifact_paths":[]}"""),
            ("$id", taskId));

        var result = await runtime.RunAsync("snapshot");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(Secret, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("logged in with ***", result.Stdout, StringComparison.Ordinal);
        var file = Directory.EnumerateFiles(Path.Combine(runtime.ArtifactDir, "snapshots"), "*.json", SearchOption.AllDirectories).Single();
        Assert.DoesNotContain(Secret, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }
}
