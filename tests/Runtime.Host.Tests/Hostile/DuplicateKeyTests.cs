using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>A key repeated in one JSON object is refused wherever JSON comes in, naming the key; it used to end in an ArgumentException stack trace.</summary>
public sealed class DuplicateKeyTests
{
    public static TheoryData<string[], string> Commands => new()
    {
        { ["intake", "--json", """{"kind":"k","source":"s","payload":{},"kind":"x"}"""], "duplicate key \"kind\"" },
        { ["intake", "--json", """{"kind":"k","source":"s","payload":{"a":1,"a":2}}"""], "duplicate key \"a\"" },
        { ["sensor-event", "--json", """{"sensor_id":"s","event_id":"e","source_ref":"r","dedupe_key":"d","payload":{},"dedupe_key":"d2"}"""], "duplicate key \"dedupe_key\"" },
        { ["schedule-create", "--json", """{"name":"n","interval_seconds":60,"task":{"kind":"k","payload":{},"kind":"j"}}"""], "duplicate key \"kind\"" },
        { ["workflow-create", "--template", "goal-loop", "--instance_key", "g", "--context", """{"a":1,"a":2}"""], "--context: not valid JSON (duplicate key \"a\"" },
        { ["intake", "--file", "dup.json"], "duplicate key \"z\"" },
        { ["bridge-github", "--file", "dup.json"], "duplicate key \"z\"" },
        { ["bridge-discord", "--file", "dup.json"], "duplicate key \"z\"" },
        { ["seed-backlog", "--file", "dup.json"], "duplicate key \"z\"" },
        { ["report", "--before", "dup.json", "--after", "dup.json"], "--before" },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Commands))]
    public async Task Command_DuplicateKeyInItsJson_RefusedNamingTheKeyAndNothingWritten(string[] args, string expected)
    {
        using var runtime = new TestRuntime().InProcess().Save();
        runtime.Directory.Write("dup.json", """{"z":1,"kind":"k","source":"s","payload":{},"z":2}""");
        Assert.Equal(0, (await runtime.RunAsync("status")).ExitCode);
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync(args);

        Refusal.Assert(result, expected, before, runtime.StateDir);
        Assert.Contains("duplicate key", result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task WorkflowTransition_DuplicateKeyInContext_RefusedAndTheWorkflowUnchanged()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g")).ExitCode);
        var before = StateHash.Of(runtime.StateDir);

        var result = await runtime.RunAsync("workflow-transition", "--id", "1", "--state", "execute", "--context", """{"b":1,"b":2}""");

        Refusal.Assert(result, "--context: not valid JSON (duplicate key \"b\"", before, runtime.StateDir);
    }

    [Fact(Timeout = 120_000)]
    public async Task Config_DuplicateKey_RefusedNamingTheFileAndTheKey()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        var path = runtime.ConfigPath;
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"runtimeName\"", "\"maxAttempts\": 9, \"runtimeName\"", StringComparison.Ordinal));

        var result = await runtime.RunAsync("status");

        Assert.True(Refusal.Problem(result) is null, result.ToString());
        Assert.Contains($"Invalid config {path}: not valid JSON (duplicate key \"maxAttempts\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Healthcheck_ProfileWithDuplicateKey_ReportsItAndFails()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        runtime.Directory.Write("profiles/tester/profile.json", """{"profile_id":"tester","role":"r","role":"s","system_prompt_parts":["p"],"default_adapter":"a"}""");

        var result = await runtime.RunAsync("healthcheck");

        Assert.Equal(1, result.ExitCode);
        Assert.False(Refusal.IsCrash(result), result.ToString());
        Assert.Contains("duplicate key \\\"role\\\"", result.Stdout, StringComparison.Ordinal);
    }
}
