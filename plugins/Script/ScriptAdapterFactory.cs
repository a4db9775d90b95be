using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Script;

/// <summary>Serves the <c>script</c> adapter kind: deterministic jobs such as the AIBTC heartbeat.</summary>
public sealed class ScriptAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["script"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new ScriptAdapter(context);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(AdapterContext context)
    {
        var settings = new AdapterSettings(context.Settings);
        var id = context.AdapterId;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(settings.GetString("command")))
        {
            problems.Add($"script command missing for {id}");
        }

        if (settings.TimeoutTooLow)
        {
            problems.Add($"script adapter timeout too low for {id}");
        }

        if (settings.GetString("envFile") is { } envFile && !File.Exists(envFile))
        {
            problems.Add($"script adapter envFile missing for {id}: {envFile}");
        }

        return problems;
    }
}
