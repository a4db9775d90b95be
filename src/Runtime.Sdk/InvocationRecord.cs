namespace AgentRuntime.Sdk;

/// <summary>What an adapter launched. The host redacts secrets by variable name before writing it.</summary>
public sealed record InvocationRecord
{
    /// <summary>The driver name recorded in <c>invocation.json</c> (for example <c>codex</c> or <c>script</c>).</summary>
    public required string Driver { get; init; }

    /// <summary>The executable (or URL for HTTP adapters).</summary>
    public required string Command { get; init; }

    /// <summary>The argument vector.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The working directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The adapter-level environment that was passed (not the whole process environment).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
