namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>
/// Load tests run at a reduced size by default and at full size in soak mode
/// (<c>AGENT_RUNTIME_SOAK=1</c>, as <c>scripts/soak.sh</c> sets it). They carry the trait
/// <c>Category=Soak</c> so the soak script can select them; the default run never skips them.
/// </summary>
internal static class Soak
{
    public const string Category = "Category";

    public const string Trait = "Soak";

    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("AGENT_RUNTIME_SOAK") == "1";

    /// <summary>The full size in soak mode, the reduced one otherwise.</summary>
    public static int Size(int reduced, int full) => Enabled ? full : reduced;
}
