namespace AgentRuntime.Host.Dispatch;

/// <summary>A named step that runs in every cycle after the boot sweep and before the claim.</summary>
internal sealed record CyclePhase(string Name, Func<CancellationToken, Task> RunAsync);
