using System.Text.Json;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.ClaudeCode;

/// <summary>
/// The <c>claude-code</c> driver (spec §6.4): <c>claude -p --output-format json … &lt;prompt&gt;</c>.
/// Unwraps the <c>{"type":"result"}</c> envelope and reclassifies failures Claude reports with exit 0.
/// </summary>
internal sealed class ClaudeCodeAdapter(AdapterContext context) : AgentCliAdapter("claude-code", context)
{
    protected override CliInvocation BuildInvocation(CliRunContext run)
    {
        List<string> args = ["-p", "--output-format", "json"];
        if (Settings.GetString("model") is { } model)
        {
            args.AddRange(["--model", model]);
        }

        if (Settings.GetString("settingsFile") is { } settingsFile)
        {
            args.AddRange(["--settings", settingsFile]);
        }

        if (AibtcPolicy(run.Request.Profile.Document) == "none")
        {
            args.Add("--strict-mcp-config");
        }

        args.AddRange(run.TrustedVmArgs);
        args.AddRange(run.ExtraArgs);
        args.Add(run.Request.Prompt);
        return new CliInvocation(args, null);
    }

    protected override string ExtractLastMessage(ProcessOutcome outcome, CliRunContext run) =>
        ClaudeResult.ExtractText(outcome.Stdout) is { Length: > 0 } text ? text : outcome.Stderr;

    protected override ExecutionResult ClassifyExit(ExecutionResult result, ProcessOutcome outcome) =>
        ClaudeResult.Classify(result, outcome.Stdout);

    private static string? AibtcPolicy(JsonElement profile) =>
        profile.ValueKind == JsonValueKind.Object
        && profile.TryGetProperty("integration_policies", out var policies) && policies.ValueKind == JsonValueKind.Object
        && policies.TryGetProperty("aibtc", out var aibtc) && aibtc.ValueKind == JsonValueKind.String
            ? aibtc.GetString()
            : null;
}
