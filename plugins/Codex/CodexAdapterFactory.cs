using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Codex;

/// <summary>Serves the <c>codex</c> agent-cli driver.</summary>
public sealed class CodexAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["codex"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new CodexAdapter(context);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(AdapterContext context)
    {
        var problems = AgentCliSettings.Validate(context);
        var settings = new AdapterSettings(context.Settings);

        // A custom provider has no default model to fall back on (spec §7.9).
        if (!string.IsNullOrWhiteSpace(settings.GetString("providerBaseUrl"))
            && string.IsNullOrWhiteSpace(settings.GetString("model"))
            && string.IsNullOrWhiteSpace(settings.GetStringMap("env").GetValueOrDefault("CODEX_MODEL")))
        {
            problems.Add($"codex adapter model missing for {context.AdapterId}");
        }

        return problems;
    }
}
