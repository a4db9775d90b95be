using System.Net;
using System.Text;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Web;

public sealed class AttemptOutputApiTests
{
    private static async Task<(TestRuntime Runtime, string TaskId)> RunningAttemptAsync()
    {
        var runtime = new TestRuntime().InProcess();
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");
        TestDb.Execute(
            runtime.DbPath,
            "INSERT INTO task_attempts (attempt_id, task_id, adapter_id, adapter_kind, runner_id, status, started_at) VALUES ('att-1', $id, 'script-ok', 'script', 'r', 'running', '2026-01-01T00:00:00.000Z')",
            ("$id", taskId));
        return (runtime, taskId);
    }

    [Fact(Timeout = 60000)]
    public async Task Output_RunningAttempt_NoFileYetThenGrowingFileReadFromTheOffset()
    {
        var (runtime, taskId) = await RunningAttemptAsync();
        using var _ = runtime;
        await using var web = await WebServerFixture.StartAsync(runtime);

        var empty = await web.GetAsync("/api/attempts/att-1/output");
        var log = runtime.Directory.Write($"state/artifacts/adapter-runs/{taskId}/att-1/stdout.log", "line one\n");
        var first = await web.GetAsync("/api/attempts/att-1/output?channel=stdout&offset=0");
        await File.AppendAllTextAsync(log, "line two\n");
        var next = await web.GetAsync($"/api/attempts/att-1/output?offset={first.Json["next_offset"]}");

        Assert.Equal(
            "{\n  \"attempt_id\": \"att-1\",\n  \"channel\": \"stdout\",\n  \"offset\": 0,\n  \"next_offset\": 0,\n  \"size\": 0,\n  \"content\": \"\",\n  \"running\": true\n}",
            empty.Body);
        Assert.Equal("line one\n", first.Json["content"]!.GetValue<string>());
        Assert.Equal(9, first.Json["next_offset"]!.GetValue<long>());
        Assert.Equal("line two\n", next.Json["content"]!.GetValue<string>());
        Assert.Equal(18, next.Json["size"]!.GetValue<long>());
    }

    [Fact(Timeout = 60000)]
    public async Task Output_ChunkEndingInsideACharacter_StopsBeforeItAndTheNextReadStartsWithIt()
    {
        var (runtime, taskId) = await RunningAttemptAsync();
        using var _ = runtime;
        var bytes = Encoding.UTF8.GetBytes("ab€"); // € is three bytes
        var path = runtime.Directory.Combine("state", "artifacts", "adapter-runs", taskId, "att-1", "stderr.log");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes[..4]);
        await using var web = await WebServerFixture.StartAsync(runtime);

        var partial = await web.GetAsync("/api/attempts/att-1/output?channel=stderr");
        await File.WriteAllBytesAsync(path, bytes);
        var rest = await web.GetAsync($"/api/attempts/att-1/output?channel=stderr&offset={partial.Json["next_offset"]}");

        Assert.Equal("ab", partial.Json["content"]!.GetValue<string>());
        Assert.Equal(2, partial.Json["next_offset"]!.GetValue<long>());
        Assert.Equal("€", rest.Json["content"]!.GetValue<string>());
    }

    [Theory(Timeout = 60000)]
    [InlineData("/api/attempts/nope/output", HttpStatusCode.NotFound, "attempt not found: nope")]
    [InlineData("/api/attempts/att-1/output?channel=stdin", HttpStatusCode.BadRequest, "channel must be stdout or stderr")]
    [InlineData("/api/attempts/att-1/output?offset=-1", HttpStatusCode.BadRequest, "offset must be a byte offset of 0 or more")]
    public async Task Output_BadRequest_SaysWhy(string path, HttpStatusCode status, string error)
    {
        var (runtime, _) = await RunningAttemptAsync();
        using var __ = runtime;
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.GetAsync(path);

        Assert.Equal(status, response.Status);
        Assert.Equal(error, response.Error);
    }
}
