namespace AgentRuntime.Host.Composition;

/// <summary>What a surface chooses when it builds the core: the clock, and where console logging goes.</summary>
/// <param name="Time">The one clock every service reads; tests pass a <c>FakeTimeProvider</c>.</param>
/// <param name="LogConsole">Where human-readable log lines go; null means the process's stderr.</param>
internal sealed record CoreOptions(TimeProvider Time, TextWriter? LogConsole = null)
{
    public static CoreOptions Default { get; } = new(TimeProvider.System);
}
