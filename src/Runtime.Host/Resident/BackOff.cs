namespace AgentRuntime.Host.Resident;

/// <summary>
/// How long a resident dispatcher waits after the n-th failure in a row of its surroundings (a
/// locked, read-only or full database, state files that cannot be written): 1, 2, 4 … seconds, at
/// most <see cref="Longest"/>.
/// </summary>
internal static class BackOff
{
    /// <summary>The longest wait between two tries.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(15);

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row (1 for the first).</summary>
    public static TimeSpan After(int failures) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(failures - 1, 10)), Longest.TotalSeconds));
}
