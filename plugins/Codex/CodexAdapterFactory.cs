using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Codex;

/// <summary>Serves the <c>codex</c> agent-cli driver.</summary>
public sealed class CodexAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["codex"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new CodexAdapter(context);
}
