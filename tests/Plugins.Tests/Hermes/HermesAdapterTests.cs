using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Hermes;
using AgentRuntime.Plugins.Tests.Conformance;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Tests.Hermes;

/// <summary>
/// The hermes-agent driver. Hermes cannot be installed here: the conformance cases use the fake
/// agent, and the driver-specific cases the <c>tests/Fixtures/hermes</c> fake of <c>hermes chat -Q</c>.
/// </summary>
public sealed class HermesAdapterTests : ProcessAdapterConformanceTests
{
    protected override string Kind => "hermes-agent";

    protected override IAdapterFactory Factory { get; } = new HermesAdapterFactory();

    protected override JsonObject SucceedEnv() => new()
    {
        ["FAKE_MODE"] = "none", ["FAKE_OUTPUT"] = $"session_id: 20250101_000000_aaaa\n{Requests.CanonicalOutcome}",
    };

    [Fact(Timeout = 30_000)]
    public async Task Execute_FakeHermes_ArgumentVectorAndSessionLineStripped()
    {
        var argsFile = Temp.Combine("argv");
        var settings = HermesSettings();
        settings["model"] = "qwen3.6:35b";
        settings["autonomy"] = "trusted-vm";
        settings["extraArgs"] = new JsonArray("--toolsets", "web");
        settings["env"] = new JsonObject { ["HERMES_FAKE_ARGS_FILE"] = argsFile };

        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);

        Assert.Equal(
            ["chat", "-Q", "--model", "qwen3.6:35b", "--yolo", "--toolsets", "web", "-q", "Say the canonical outcome."],
            (await File.ReadAllTextAsync(argsFile)).Split('\0')[..^1]);
        Assert.Equal(ExitStatus.Ok, result.ExitStatus);
        Assert.Equal("""{"status":"completed","operator_summary":"hermes did it"}""", result.LastMessage);
        Assert.Equal(result.LastMessage, result.RawOutput);
        Assert.Contains("session_id:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_FakeHermesPlainAnswer_JoinedLinesWithoutSession()
    {
        var settings = HermesSettings();
        settings["env"] = new JsonObject { ["HERMES_FAKE_ANSWER"] = "  first line  \n\n second line" };
        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);
        Assert.Equal("first line\nsecond line", result.LastMessage);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_FailsWithStderrOnly_RetryableAndLastMessageIsStderr()
    {
        var broken = HermesSettings();
        broken["command"] = Repo.Fixture("fake-agent");
        broken["env"] = new JsonObject { ["FAKE_MODE"] = "exit", ["FAKE_EXIT_CODE"] = "2" };
        var failed = await ExecuteAsync(broken, new RecordingSink(), CancellationToken.None);
        Assert.Equal(RetryClass.Retryable, failed.RetryClass);
        Assert.Equal("failing on purpose\n", failed.LastMessage);
    }

    private JsonObject HermesSettings() => new()
    {
        ["command"] = Repo.Fixture("hermes"), ["timeoutMs"] = 20_000, ["workingDir"] = Temp.Path,
    };
}
