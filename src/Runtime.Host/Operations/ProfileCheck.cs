namespace AgentRuntime.Host.Operations;

/// <summary>One configured profile and what is wrong with it (empty when it loads and validates).</summary>
internal sealed record ProfileCheck(string ProfileId, IReadOnlyList<string> Issues);
