using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Ollama;

/// <summary>Serves the <c>ollama-generate</c> adapter kind.</summary>
public sealed class OllamaAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["ollama-generate"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new OllamaAdapter(context);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(AdapterContext context)
    {
        var settings = new AdapterSettings(context.Settings);
        var id = context.AdapterId;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(settings.GetString("endpoint")))
        {
            problems.Add($"adapter endpoint missing for {id}");
        }

        if (string.IsNullOrWhiteSpace(settings.GetString("model")))
        {
            problems.Add($"adapter model missing for {id}");
        }

        if (settings.TimeoutTooLow)
        {
            problems.Add($"adapter timeout too low for {id}");
        }

        return problems;
    }
}
