using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.ClaudeCode;

/// <summary>Serves the <c>claude-code</c> agent-cli driver.</summary>
public sealed class ClaudeCodeAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["claude-code"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new ClaudeCodeAdapter(context);
}
