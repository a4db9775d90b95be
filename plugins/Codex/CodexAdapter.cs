using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Codex;

/// <summary>The <c>codex</c> driver (spec §6.3): <c>codex exec --json … -</c> with the prompt on stdin.</summary>
internal sealed class CodexAdapter(AdapterContext context) : AgentCliAdapter("codex", context)
{
    private const string LastMessageFile = "last-message.txt";

    protected override CliInvocation BuildInvocation(CliRunContext run)
    {
        string? Setting(string name, string envFallback) =>
            Settings.GetString(name) ?? run.AdapterEnv.GetValueOrDefault(envFallback);

        var model = Setting("model", "CODEX_MODEL");
        var providerId = Setting("providerId", "CODEX_MODEL_PROVIDER_ID");
        var providerName = Setting("providerName", "CODEX_MODEL_PROVIDER_NAME");
        var providerBaseUrl = Setting("providerBaseUrl", "CODEX_BASE_URL");
        var wireApi = Settings.GetString("providerWireApi") ?? "responses";
        var requiresAuth = Settings.GetBool("providerRequiresOpenAIAuth") ?? false;

        List<string> args =
        [
            "exec", "--json", "--skip-git-repo-check", "--ephemeral",
            "--sandbox", Settings.GetString("sandbox") ?? "workspace-write",
            "--output-last-message", Path.Combine(run.TempDirectory, LastMessageFile),
            "--cd", run.WorkingDirectory,
        ];
        if (model is not null)
        {
            args.AddRange(["-c", $"model={JsString.Quote(model)}"]);
        }

        if (providerId is not null)
        {
            args.AddRange(["-c", $"model_provider={JsString.Quote(providerId)}"]);
            if (providerName is not null && providerBaseUrl is not null)
            {
                args.AddRange(
                [
                    "-c",
                    $"model_providers.{providerId}={{name={JsString.Quote(providerName)},base_url={JsString.Quote(providerBaseUrl)}," +
                    $"wire_api={JsString.Quote(wireApi)},requires_openai_auth={(requiresAuth ? "true" : "false")}}}",
                ]);
            }
        }

        args.AddRange(run.TrustedVmArgs);
        args.AddRange(run.ExtraArgs);
        args.Add("-");
        return new CliInvocation(args, run.Request.Prompt);
    }

    protected override string ExtractLastMessage(ProcessOutcome outcome, CliRunContext run)
    {
        var file = Path.Combine(run.TempDirectory, LastMessageFile);
        return File.Exists(file) ? File.ReadAllText(file) : FirstNonEmpty(outcome.Stdout, outcome.Stderr);
    }

    protected override ExecutionResult ClassifyExit(ExecutionResult result, ProcessOutcome outcome) =>
        CodexEvents.Classify(result, outcome.Stdout);
}
