namespace AgentRuntime.Benchmarks;

/// <summary>One whole-process run: wall time and peak resident set.</summary>
internal readonly record struct Sample(double WallMs, long PeakRssKb);
