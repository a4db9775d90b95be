using System.Globalization;

namespace AgentRuntime.Benchmarks;

/// <summary>Median, min and max of repeated whole-process runs, and the row the suite prints for them.</summary>
internal sealed class Samples(IReadOnlyList<Sample> runs)
{
    public double Median => Percentile(runs.Select(r => r.WallMs).ToList(), 0.5);

    public double Min => runs.Min(r => r.WallMs);

    public double Max => runs.Max(r => r.WallMs);

    public double PeakRssMb => runs.Max(r => r.PeakRssKb) / 1024.0;

    public string Cells => string.Create(
        CultureInfo.InvariantCulture,
        $"{Median,9:F1} {Min,8:F1} {Max,8:F1} {(WholeProcess.ExactRss ? "" : "~")}{PeakRssMb,7:F1}");

    /// <summary>Nearest-rank percentile (0.5 = median, 0.99 = p99).</summary>
    public static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
