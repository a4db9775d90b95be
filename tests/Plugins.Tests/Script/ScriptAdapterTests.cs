using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Script;
using AgentRuntime.Plugins.Tests.Conformance;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Tests.Script;

public sealed class ScriptAdapterTests : ProcessAdapterConformanceTests
{
    protected override string Kind => "script";

    protected override IAdapterFactory Factory { get; } = new ScriptAdapterFactory();

    protected override JsonObject SucceedEnv() => new() { ["FAKE_OUTPUT"] = Requests.CanonicalOutcome };

    [Fact(Timeout = 30_000)]
    public async Task Execute_RuntimeVariables_ReachScriptAndInvocation()
    {
        var envFile = Temp.Combine("child-env");
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(20));
        settings["env"]!["FAKE_ENV_FILE"] = envFile;
        var payload = new JsonObject { ["args"] = new JsonArray("a", 1, "b"), ["note"] = "é / ok" };

        // The host's JSON.stringify text is passed on verbatim, even where a re-serialization would differ.
        const string hostText = """{"args":["a",1,"b"],"note":"é / ok","n":1.5}""";
        await using var adapter = Create(settings);
        var request = Requests.Execution(Kind, settings, Temp.Path, payload: payload);
        request = request with { Task = request.Task with { PayloadJson = hostText } };
        var result = await adapter.ExecuteAsync(request, new RecordingSink(), CancellationToken.None);

        var env = ReadEnv(envFile);
        Assert.Equal("test-runtime", env["AGENT_RUNTIME_NAME"]);
        Assert.Equal("task-1", env["AGENT_RUNTIME_TASK_ID"]);
        Assert.Equal(request.AttemptId, env["AGENT_RUNTIME_ATTEMPT_ID"]);
        Assert.Equal(Temp.Combine("artifacts"), env["AGENT_RUNTIME_ARTIFACT_DIR"]);
        Assert.Equal(Temp.Combine("state"), env["AGENT_RUNTIME_STATE_DIR"]);
        Assert.Equal(hostText, env["AGENT_RUNTIME_TASK_PAYLOAD_JSON"]);
        Assert.Equal(Temp.Path, env["PWD"]);
        Assert.Equal("script", result.Invocation!.Driver);
        Assert.Equal(env["AGENT_RUNTIME_TASK_PAYLOAD_JSON"], result.Invocation.Environment["AGENT_RUNTIME_TASK_PAYLOAD_JSON"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_RequestWithoutPayloadText_ScriptStillGetsThePayloadAsJson()
    {
        var envFile = Temp.Combine("child-env");
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(20));
        settings["env"]!["FAKE_ENV_FILE"] = envFile;
        var payload = new JsonObject { ["args"] = new JsonArray("a", 1, "b"), ["note"] = "é / ok" };

        // An SDK 1.0 host sends no PayloadJson: the plugin serializes the payload itself.
        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None, payload);

        Assert.Equal(ExitStatus.Ok, result.ExitStatus);
        var passed = JsonNode.Parse(ReadEnv(envFile)["AGENT_RUNTIME_TASK_PAYLOAD_JSON"]);
        Assert.True(JsonNode.DeepEquals(payload, passed), passed?.ToJsonString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_ExtraArgsAndPayloadArgs_FormArgumentVector()
    {
        var argsFile = Temp.Combine("argv");
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(20));
        settings["extraArgs"] = new JsonArray("--flag", "two words");
        settings["env"]!["FAKE_ARGS_FILE"] = argsFile;

        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None, new JsonObject { ["args"] = new JsonArray("x", true, "y") });

        Assert.Equal("--flag\0two words\0x\0y\0", await File.ReadAllTextAsync(argsFile));
        Assert.Equal(["--flag", "two words", "x", "y"], result.Invocation!.Arguments);
        Assert.Equal(4, result.Diagnostics!["args"]!.AsArray().Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_EnvLayers_EnvFileThenEnvThenRuntimeVariables()
    {
        var envFile = Temp.Combine("child-env");
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(20));
        settings["envFile"] = Temp.Write("adapter.env", "export FROM_FILE=\"file\"\nOVERRIDDEN=file\nAGENT_RUNTIME_NAME=spoofed\n# comment\n");
        settings["env"]!["OVERRIDDEN"] = "env";
        settings["env"]!["FAKE_ENV_FILE"] = envFile;

        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);

        var env = ReadEnv(envFile);
        Assert.Equal("file", env["FROM_FILE"]);
        Assert.Equal("env", env["OVERRIDDEN"]);
        Assert.Equal("test-runtime", env["AGENT_RUNTIME_NAME"]);
        Assert.Equal("file", result.Invocation!.Environment["FROM_FILE"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_NonZeroExit_DiagnosticsCarryExitCodeAndStreams()
    {
        var settings = Settings(Behaviour.Fail, TimeSpan.FromSeconds(20));
        settings["env"]!["FAKE_OUTPUT"] = "partial output";

        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);

        Assert.Equal(RetryClass.Retryable, result.RetryClass);
        Assert.Equal(7, (int)result.Diagnostics!["exit_code"]!);
        Assert.Equal("partial output\n", (string?)result.Diagnostics["stdout"]);
        Assert.Equal("failing on purpose\n", (string?)result.Diagnostics["stderr"]);
        Assert.Equal("partial output\n", result.RawOutput);
        Assert.Equal("partial output\n", result.LastMessage);
        Assert.Null(result.Note);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_OnlyStderr_RawOutputAndLastMessageAreStderr()
    {
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(20));
        settings["env"] = new JsonObject { ["FAKE_MODE"] = "none", ["FAKE_STDERR"] = "only on stderr" };

        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);

        Assert.Equal(ExitStatus.Ok, result.ExitStatus);
        Assert.Equal("", result.Stdout);
        Assert.Equal("only on stderr\n", result.RawOutput);
        Assert.Equal("only on stderr\n", result.LastMessage);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_TimeoutWithoutOutput_RawOutputSaysScriptTimedOut()
    {
        var settings = Settings(Behaviour.Hang, TimeSpan.FromSeconds(1));
        settings["env"]!["FAKE_MODE"] = "sleep-silent";
        settings["env"]!["FAKE_OUTPUT"] = null;
        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);
        Assert.Equal(ExitStatus.Timeout, result.ExitStatus);
        Assert.Equal("script timed out", result.RawOutput);
    }

    internal static Dictionary<string, string> ReadEnv(string envFile) =>
        File.ReadAllText(envFile).Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
}
