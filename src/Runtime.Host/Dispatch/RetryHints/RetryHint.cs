namespace AgentRuntime.Host.Dispatch.RetryHints;

/// <summary>A rate-limit hint: reschedule after <see cref="AfterSeconds"/>; <see cref="Source"/> names the parser (§5.12).</summary>
internal sealed record RetryHint(double AfterSeconds, string Source);
