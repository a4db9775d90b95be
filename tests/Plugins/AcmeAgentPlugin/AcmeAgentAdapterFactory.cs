using System.Text.Json;
using AgentRuntime.Sdk;

namespace AcmeAgentPlugin;

/// <summary>Serves the <c>acme-agent</c> driver of mode <c>agent-cli</c>, a driver the host has never heard of.</summary>
public sealed class AcmeAgentAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Kinds { get; } = ["acme-agent"];

    /// <inheritdoc />
    public IAdapter Create(AdapterContext context) => new AcmeAgentAdapter(context);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(AdapterContext context)
    {
        var problems = new List<string>();
        if (!context.Settings.TryGetProperty("command", out var command) || command.ValueKind != JsonValueKind.String)
        {
            problems.Add($"acme-agent adapter command missing for {context.AdapterId}");
        }

        if (context.Settings.TryGetProperty("acmeFlavor", out var flavor) && flavor.GetString() is not ("plain" or "spicy"))
        {
            problems.Add($"acme-agent adapter acmeFlavor must be plain or spicy for {context.AdapterId}");
        }

        return problems;
    }
}
