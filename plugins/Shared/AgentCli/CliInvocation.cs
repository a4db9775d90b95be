namespace AgentRuntime.Plugins.Shared;

/// <summary>What a driver launches: its argument vector and the text written to stdin (null: none).</summary>
internal sealed record CliInvocation(IReadOnlyList<string> Arguments, string? StandardInput);
