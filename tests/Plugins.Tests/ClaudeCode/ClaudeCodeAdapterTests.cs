using System.Text.Json.Nodes;
using AgentRuntime.Plugins.ClaudeCode;
using AgentRuntime.Plugins.Tests.Conformance;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Tests.ClaudeCode;

/// <summary>The claude-code driver against the fake agent; <see cref="RealCli.RealClaudeCodeTests"/> runs the real CLI.</summary>
public sealed class ClaudeCodeAdapterTests : ProcessAdapterConformanceTests
{
    protected override string Kind => "claude-code";

    protected override IAdapterFactory Factory { get; } = new ClaudeCodeAdapterFactory();

    protected override JsonObject SucceedEnv() => new() { ["FAKE_OUTPUT"] = Envelope(Requests.CanonicalOutcome), ["FAKE_MODE"] = "none" };

    [Fact(Timeout = 30_000)]
    public async Task Execute_SettingsAndStrictPolicy_BuildSpecArgumentVector()
    {
        var argsFile = Temp.Combine("argv");
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(20));
        settings["env"]!["FAKE_ARGS_FILE"] = argsFile;
        settings["model"] = "qwen3.6:35b";
        settings["settingsFile"] = "/etc/claude/settings.json";
        settings["autonomy"] = "trusted-vm";
        settings["extraArgs"] = new JsonArray("--verbose");
        var profile = new JsonObject { ["integration_policies"] = new JsonObject { ["aibtc"] = "none" } };

        await using var adapter = Create(settings);
        var request = Requests.Execution(Kind, settings, Temp.Path, prompt: "multi\nline prompt", profile: profile);
        var result = await adapter.ExecuteAsync(request, new RecordingSink(), CancellationToken.None);

        Assert.Equal(
            [
                "-p", "--output-format", "json", "--model", "qwen3.6:35b", "--settings", "/etc/claude/settings.json", "--strict-mcp-config",
                "--allow-dangerously-skip-permissions", "--dangerously-skip-permissions", "--permission-mode", "bypassPermissions",
                "--verbose", "multi\nline prompt",
            ],
            (await File.ReadAllTextAsync(argsFile)).Split('\0')[..^1]);
        Assert.Equal(Requests.CanonicalOutcome, result.LastMessage);
        Assert.Equal(Requests.CanonicalOutcome, result.RawOutput);
        Assert.Equal(ExitStatus.Ok, result.ExitStatus);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_NoPolicyNoModel_MinimalArgumentVector()
    {
        var argsFile = Temp.Combine("argv");
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(20));
        settings["env"]!["FAKE_ARGS_FILE"] = argsFile;
        await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);
        Assert.Equal(["-p", "--output-format", "json", "Say the canonical outcome."], (await File.ReadAllTextAsync(argsFile)).Split('\0')[..^1]);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("success", true, "API Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited. Retry after 30 seconds\"}}", RetryClass.Retryable)]
    [InlineData("success", true, "API Error: 529 Overloaded", RetryClass.Retryable)]
    [InlineData("error_max_turns", false, "", RetryClass.Retryable)]
    [InlineData("success", true, "Invalid API key · Please run /login", RetryClass.Permanent)]
    [InlineData("success", true, "API Error: 400 {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}", RetryClass.Permanent)]
    public async Task Execute_ErrorEnvelopeWithExitZero_ClassifiedAsError(string subtype, bool isError, string text, RetryClass expected)
    {
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(20));
        var envelope = new JsonObject { ["type"] = "result", ["subtype"] = subtype, ["is_error"] = isError, ["result"] = text };
        settings["env"]!["FAKE_OUTPUT"] = envelope.ToJsonString();

        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);

        Assert.Equal(0, (int)result.Diagnostics!["exit_code"]!);
        Assert.Equal(ExitStatus.Error, result.ExitStatus);
        Assert.Equal(expected, result.RetryClass);
        Assert.Contains(text.Length > 0 ? text : subtype, result.RawOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_NonEnvelopeStdout_ReturnedUnchanged()
    {
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(20));
        settings["env"]!["FAKE_OUTPUT"] = "plain text answer";
        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);
        Assert.Equal(ExitStatus.Ok, result.ExitStatus);
        Assert.Equal("plain text answer\n", result.RawOutput);
    }

    internal static string Envelope(string result) =>
        new JsonObject { ["type"] = "result", ["subtype"] = "success", ["is_error"] = false, ["result"] = result, ["usage"] = new JsonObject { ["output_tokens"] = 12 } }
            .ToJsonString();
}
