using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Codex;
using AgentRuntime.Plugins.Tests.Conformance;
using AgentRuntime.Plugins.Tests.FakeServers;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Tests.Codex;

/// <summary>The codex driver against the fake agent; <see cref="RealCli.RealCodexTests"/> runs the real CLI.</summary>
public sealed class CodexAdapterTests : ProcessAdapterConformanceTests
{
    protected override string Kind => "codex";

    protected override IAdapterFactory Factory { get; } = new CodexAdapterFactory();

    protected override JsonObject SucceedEnv() => new()
    {
        ["FAKE_OUTPUT"] = """{"type":"turn.completed"}""", ["FAKE_LAST_MESSAGE"] = Requests.CanonicalOutcome,
    };

    [Fact(Timeout = 30_000)]
    public async Task Execute_ProviderSettings_BuildSpecArgumentVectorAndPipePrompt()
    {
        var (settings, argsFile, stdinFile) = Recording();
        settings["model"] = "qwen3.5:35b";
        settings["providerId"] = "ollama_remote";
        settings["providerName"] = "Ollama \"Remote\"";
        settings["providerBaseUrl"] = "http://192.168.1.69:11434/v1";
        settings["autonomy"] = "trusted-vm";
        settings["extraArgs"] = new JsonArray("--color", "never");

        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);

        var args = (await File.ReadAllTextAsync(argsFile)).Split('\0')[..^1];
        var lastMessagePath = args[7];
        Assert.Equal(
            [
                "exec", "--json", "--skip-git-repo-check", "--ephemeral", "--sandbox", "workspace-write", "--output-last-message", lastMessagePath,
                "--cd", Temp.Path, "-c", "model=\"qwen3.5:35b\"", "-c", "model_provider=\"ollama_remote\"", "-c",
                "model_providers.ollama_remote={name=\"Ollama \\\"Remote\\\"\",base_url=\"http://192.168.1.69:11434/v1\",wire_api=\"responses\",requires_openai_auth=false}",
                "--dangerously-bypass-approvals-and-sandbox", "--color", "never", "-",
            ],
            args);
        Assert.Matches("/agent-runtime-cli-[^/]+/last-message.txt$", lastMessagePath);
        Assert.False(Directory.Exists(Path.GetDirectoryName(lastMessagePath)), "the private temp dir is deleted after the run");
        Assert.Equal("Say the canonical outcome.", await File.ReadAllTextAsync(stdinFile));
        Assert.Equal(args, result.Invocation!.Arguments);
        Assert.Equal(Requests.CanonicalOutcome, result.LastMessage);
        Assert.Equal(Requests.CanonicalOutcome, result.RawOutput);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_ProviderFromAdapterEnv_UsedAsFallback()
    {
        var (settings, argsFile, _) = Recording();
        settings["sandbox"] = "read-only";
        settings["envFile"] = Temp.Write("codex.env", "CODEX_MODEL=m1\nCODEX_MODEL_PROVIDER_ID=p1\nCODEX_MODEL_PROVIDER_NAME=P One\n");
        settings["env"]!["CODEX_BASE_URL"] = "http://127.0.0.1:9/v1";
        settings["providerRequiresOpenAIAuth"] = true;

        await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);

        var args = (await File.ReadAllTextAsync(argsFile)).Split('\0')[..^1];
        Assert.Equal("read-only", args[5]);
        Assert.Equal(
            ["-c", "model=\"m1\"", "-c", "model_provider=\"p1\"", "-c",
             "model_providers.p1={name=\"P One\",base_url=\"http://127.0.0.1:9/v1\",wire_api=\"responses\",requires_openai_auth=true}", "-"],
            args[10..]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_SubscriptionMode_NoConfigOverridesAndStdoutFallback()
    {
        var (settings, argsFile, _) = Recording();
        settings["env"]!["FAKE_LAST_MESSAGE"] = null;
        settings["env"]!["CODEX_HOME"] = "codex-home/nested";

        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);

        var args = (await File.ReadAllTextAsync(argsFile)).Split('\0')[..^1];
        Assert.DoesNotContain("-c", args);
        Assert.Equal("-", args[^1]);
        Assert.Equal(result.Stdout, result.LastMessage);
        Assert.StartsWith("{\"type\":\"turn.completed\"}", result.RawOutput, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Temp.Combine("codex-home", "nested")), "CODEX_HOME is created relative to the working dir");
    }

    [Fact(Timeout = 30_000)]
    public async Task Probe_ProviderBaseUrl_ChecksModelsEndpoint()
    {
        await using var server = new OpenAiResponsesFake(FakeTurn.Outcome);
        await server.StartAsync();
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(5));
        settings["providerBaseUrl"] = server.BaseUrl + "/v1/";
        await using (var adapter = Create(settings))
        {
            var probe = await adapter.ProbeAsync(CancellationToken.None);
            Assert.True(probe.Ok, probe.Reason);
            Assert.Equal(server.BaseUrl + "/v1/models", (string?)probe.Detail!["url"]);
        }

        settings["providerBaseUrl"] = "http://127.0.0.1:1/v1";
        await using var unreachable = Create(settings);
        var failed = await unreachable.ProbeAsync(CancellationToken.None);
        Assert.False(failed.Ok);
        Assert.Equal("http://127.0.0.1:1/v1/models", (string?)failed.Detail!["url"]);
    }

    private (JsonObject Settings, string ArgsFile, string StdinFile) Recording()
    {
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(20));
        var argsFile = Temp.Combine("argv");
        var stdinFile = Temp.Combine("stdin");
        settings["env"]!["FAKE_ARGS_FILE"] = argsFile;
        settings["env"]!["FAKE_STDIN_FILE"] = stdinFile;
        return (settings, argsFile, stdinFile);
    }
}
