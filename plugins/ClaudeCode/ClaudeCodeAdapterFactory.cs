using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.ClaudeCode;

/// <summary>Serves the <c>claude-code</c> agent-cli driver.</summary>
public sealed class ClaudeCodeAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["claude-code"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new ClaudeCodeAdapter(context);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(AdapterContext context)
    {
        var problems = AgentCliSettings.Validate(context);
        var settings = new AdapterSettings(context.Settings);

        // Trusted-VM autonomy skips Claude's permission prompts; its settings file is what still bounds it (spec §7.9).
        if (settings.GetString("autonomy") == "trusted-vm" && settings.GetString("settingsFile") is null)
        {
            problems.Add($"claude-code trusted-vm adapter missing settingsFile for {context.AdapterId}");
        }

        return problems;
    }
}
