using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class AuditWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Write_RecordsSixFiles_AndRedactsSecretNamedVariables()
    {
        var paths = AuditWriter.PathsFor(_dir.Path, "t1", "a1");
        var result = new ExecutionResult
        {
            RawOutput = "raw",
            ExitStatus = ExitStatus.Error,
            RetryClass = RetryClass.Retryable,
            Stdout = "out",
            Stderr = "err",
            LastMessage = "last",
            Diagnostics = new JsonObject { ["exit_code"] = 3 },
            Invocation = new InvocationRecord
            {
                Driver = "script",
                Command = "/bin/x",
                Arguments = ["--a", "b"],
                WorkingDirectory = "/w",
                Environment = new Dictionary<string, string>
                {
                    ["API_KEY"] = "k-123", ["GITHUB_TOKEN"] = "t", ["db_password"] = "p", ["Authorization"] = "a", ["CLIENT_SECRET"] = "s", ["PLAIN"] = "visible",
                },
            },
        };

        AuditWriter.Write(paths, new AuditContext("t1", "a1", "b1", "ad", "script", "the prompt"), result);

        Assert.Equal(_dir.Combine("adapter-runs", "t1", "a1"), paths.Directory);
        var invocation = JsonNode.Parse(File.ReadAllText(paths.Invocation))!.AsObject();
        Assert.Equal(["task_id", "attempt_id", "bundle_id", "adapter_id", "driver", "command", "args", "cwd", "env", "note"], invocation.Select(p => p.Key));
        var env = invocation["env"]!.AsObject();
        Assert.All(["API_KEY", "GITHUB_TOKEN", "db_password", "Authorization", "CLIENT_SECRET"], k => Assert.Equal("[redacted]", env[k]!.GetValue<string>()));
        Assert.Equal("visible", env["PLAIN"]!.GetValue<string>());
        Assert.DoesNotContain("k-123", File.ReadAllText(paths.Invocation), StringComparison.Ordinal);
        Assert.Equal("the prompt", File.ReadAllText(paths.Prompt));
        Assert.Equal("out", File.ReadAllText(paths.Stdout));
        Assert.Equal("err", File.ReadAllText(paths.Stderr));
        Assert.Equal("last", File.ReadAllText(paths.LastMessage));
        Assert.Equal("{\n  \"rawOutput\": \"raw\",\n  \"exitStatus\": \"error\",\n  \"retryClass\": \"retryable\",\n  \"diagnostics\": {\n    \"exit_code\": 3\n  }\n}", File.ReadAllText(paths.Result));
    }

    [Fact]
    public void Write_Timeout_HasNoResultFile()
    {
        var paths = AuditWriter.PathsFor(_dir.Path, "t2", "a2");
        AuditWriter.Write(paths, new AuditContext("t2", "a2", null, "ad", "script", "p"),
            new ExecutionResult { RawOutput = "script timed out", ExitStatus = ExitStatus.Timeout, RetryClass = RetryClass.Retryable, Note = "timeout" });
        Assert.True(File.Exists(paths.Invocation));
        Assert.False(File.Exists(paths.Result));
        Assert.Equal("timeout", JsonNode.Parse(File.ReadAllText(paths.Invocation))!["note"]!.GetValue<string>());
    }
}
