using System.Diagnostics;
using System.Globalization;

namespace AgentRuntime.Benchmarks;

/// <summary>Closed-loop HTTP load: <c>concurrency</c> clients each send the next request as soon as the last one's body is read.</summary>
internal static class HttpLoad
{
    public static async Task<string> MeasureAsync(HttpClient client, string path, int concurrency, TimeSpan duration)
    {
        // Warm-up (JIT, SQLite page cache, connection pool), not counted.
        await RunAsync(client, path, concurrency, TimeSpan.FromSeconds(2));
        var start = Stopwatch.GetTimestamp();
        var latencies = await RunAsync(client, path, concurrency, duration);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        latencies.Sort();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{path,-32} {latencies.Count,9:N0} {latencies.Count / elapsed,9:F0} {Percentile(latencies, 0.50),8:F2} {Percentile(latencies, 0.99),8:F2} {latencies[^1],8:F1}");
    }

    public static string Header => $"{"route",-32} {"requests",9} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8}";

    private static async Task<List<double>> RunAsync(HttpClient client, string path, int concurrency, TimeSpan duration)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var begin = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }

            return latencies;
        })).ToList();
        return [.. (await Task.WhenAll(loops)).SelectMany(l => l)];
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(fraction * sorted.Count))];
}
