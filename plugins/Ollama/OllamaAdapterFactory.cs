using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Ollama;

/// <summary>Serves the <c>ollama-generate</c> adapter kind.</summary>
public sealed class OllamaAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["ollama-generate"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new OllamaAdapter(context);
}
