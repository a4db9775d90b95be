using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>Input that is not text, paths that cannot name a file, and files that cannot be what the config says: a clear one-line error, never a stack trace.</summary>
public sealed class EncodingAndPathTests
{
    [Fact(Timeout = 120_000)]
    public async Task IntakeFile_InvalidUtf8_RefusedInsteadOfReplaced()
    {
        using var runtime = await HostileRuntime.StartedAsync();
        byte[] invalid = [.. "{\"kind\":\"k"u8.ToArray(), 0xFF, .. "\",\"source\":\"s\",\"payload\":{}}"u8.ToArray()];
        File.WriteAllBytes(runtime.Directory.Combine("bad.json"), invalid);
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync("intake", "--file", "bad.json");

        Refusal.Assert(result, "is not valid UTF-8", before, runtime.StateDir);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("""{"kind":"k\ud800","source":"s","payload":{}}""")]
    [InlineData("""{"kind":"k","source":"s","payload":{"\udc00":1}}""")]
    public async Task Intake_LoneSurrogateEscape_Refused(string task)
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync("intake", "--json", task);

        Refusal.Assert(result, "lone UTF-16 surrogate", before, runtime.StateDir);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("intake")]
    [InlineData("sensor-event")]
    [InlineData("bridge-github")]
    [InlineData("seed-backlog")]
    public async Task File_EmptyPathOrNul_RefusedNamingTheFlag(string command)
    {
        using var runtime = await HostileRuntime.StartedAsync();
        var before = StateHash.Of(runtime.StateDir);

        var empty = await runtime.RunAsync(command, "--file", "");
        var nul = await runtime.RunAsync(command, "--file", "a\0b.json");
        var directory = await runtime.RunAsync(command, "--file", ".");

        Refusal.Assert(empty, "--file: expected a file path, got an empty string", before, runtime.StateDir);
        Refusal.Assert(nul, "--file: expected a file path, got text holding a NUL character", before, runtime.StateDir);
        Refusal.Assert(directory, "is a directory, expected a file", before, runtime.StateDir);
    }

    [Fact(Timeout = 120_000)]
    public async Task Config_NulInItsPathOrInAPathKey_Refused()
    {
        using var runtime = await HostileRuntime.StartedAsync();

        var flag = await InProcessCli.RunAsync(runtime.Directory.Path, ["status", "--config", "config/run\0time.json"], runtime.Clock!);
        runtime.Config["dbPath"] = "../state/run\0time.db";
        runtime.Save();
        var key = await runtime.RunAsync("status");

        Assert.True(Refusal.Problem(flag) is null && flag.Stderr.Contains("--config: expected a file path, got text holding a NUL character", StringComparison.Ordinal), flag.ToString());
        Assert.True(Refusal.Problem(key) is null && key.Stderr.Contains("\"dbPath\": expected a path, got text holding a NUL character", StringComparison.Ordinal), key.ToString());
    }

    [Theory(Timeout = 120_000)]
    [InlineData("logDir")]
    [InlineData("lockPath")]
    public async Task Config_EmptyPath_RefusedInsteadOfTheConfigFolder(string key)
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Config[key] = "";
        runtime.Save();

        var result = await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "k");

        Assert.True(Refusal.Problem(result) is null, result.ToString());
        Assert.Contains($"$.{key}: expected a path, got an empty string", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(runtime.DbPath));
    }

    [Fact(Timeout = 120_000)]
    public async Task Config_ExtendsSymlinkLoop_Refused()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        File.CreateSymbolicLink(runtime.Directory.Combine("config", "loop-a.json"), runtime.Directory.Combine("config", "loop-b.json"));
        File.CreateSymbolicLink(runtime.Directory.Combine("config", "loop-b.json"), runtime.Directory.Combine("config", "loop-a.json"));
        runtime.Config["extends"] = "loop-a.json";
        runtime.Save();

        var result = await runtime.RunAsync("status");

        Assert.True(Refusal.Problem(result) is null, result.ToString());
        Assert.Contains("loop-a.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Healthcheck_ProfilePathSymlinkLoop_ReportedNotCrashed()
    {
        using var runtime = new TestRuntime().InProcess();
        File.CreateSymbolicLink(runtime.Directory.Combine("profiles", "loop.json"), runtime.Directory.Combine("profiles", "loop.json"));
        runtime.Config["profiles"]!["looping"] = "../profiles/loop.json";
        runtime.Save();

        var health = await runtime.RunAsync("healthcheck");
        var intake = await runtime.RunAsync("intake", "--json", """{"kind":"k","source":"s","payload":{},"requested_profile":"looping"}""");

        Assert.Equal(1, health.ExitCode);
        Assert.False(Refusal.IsCrash(health), health.ToString());
        Assert.Contains("loop.json", health.Stdout, StringComparison.Ordinal);
        Assert.False(Refusal.IsCrash(intake), intake.ToString());
    }

    [Theory(Timeout = 120_000)]
    [InlineData("dbPath", "../state/loop.db")]
    [InlineData("stateDir", "../state/loop.db")]
    public async Task Config_PathIsASymlinkLoop_RefusedNamingTheKey(string key, string value)
    {
        using var runtime = new TestRuntime().InProcess();
        Directory.CreateDirectory(runtime.StateDir);
        File.CreateSymbolicLink(runtime.Directory.Combine("state", "loop.db"), runtime.Directory.Combine("state", "loop.db"));
        runtime.Config[key] = value;
        runtime.Save();

        var result = await runtime.RunAsync("intake", "--json", """{"kind":"k","source":"s","payload":{}}""");

        Assert.True(Refusal.Problem(result) is null, result.ToString());
        Assert.Contains($"$.{key}: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Config_DbPathIsADirectory_Refused()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Directory.Write("state/db-dir/keep", "");
        runtime.Config["dbPath"] = "../state/db-dir";
        runtime.Save();

        var result = await runtime.RunAsync("status");

        Assert.True(Refusal.Problem(result) is null, result.ToString());
        Assert.Contains("$.dbPath: expected a SQLite database file, got a directory", result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Config_DbPathNotASqliteFile_RefusedAndTheFileLeftAlone()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        runtime.Directory.Write("state/runtime.db", "these are my notes, not a database\n");

        var result = await runtime.RunAsync("intake", "--json", """{"kind":"k","source":"s","payload":{}}""");

        Assert.True(Refusal.Problem(result) is null, result.ToString());
        Assert.Contains("$.dbPath: expected a SQLite database file, got a file that is not one", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("these are my notes, not a database\n", File.ReadAllText(runtime.DbPath));
    }
}
