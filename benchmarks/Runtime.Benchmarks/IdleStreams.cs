using System.Diagnostics;
using System.Globalization;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// The cost of open but quiet <c>/api/stream</c> connections: the process's CPU time and memory
/// over a window with no clients, then with <c>count</c> clients connected and idle. The clients
/// run in the same process; an idle client only reads a keep-alive comment every 15 s.
/// </summary>
internal static class IdleStreams
{
    public static async Task MeasureAsync(HttpClient client, int count, TimeSpan window, Func<long> polls, TextWriter output)
    {
        var (cpu, perSecond) = await CpuOverAsync(window);
        output.WriteLine(Line("no stream open", cpu, perSecond, 0));

        var streams = new List<(HttpResponseMessage Response, Stream Body)>();
        var readers = new List<Task>();
        using var stop = new CancellationTokenSource();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var response = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                var body = await response.Content.ReadAsStreamAsync();
                streams.Add((response, body));
                readers.Add(DrainAsync(body, stop.Token));
            }

            // Let every dashboard frame arrive before measuring.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var pollsBefore = polls();
            (cpu, perSecond) = await CpuOverAsync(window);
            output.WriteLine(Line($"{count} idle streams", cpu, perSecond, polls() - pollsBefore));
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var (response, body) in streams)
            {
                await body.DisposeAsync();
                response.Dispose();
            }

            await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    public static string Header => $"{"window",-20} {"cpu ms",8} {"cpu ms/s",9} {"polls",6} {"working set MB",15} {"managed heap MB",16}";

    private static async Task<(double CpuMs, double PerSecond)> CpuOverAsync(TimeSpan window)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await Task.Delay(window);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - before).TotalMilliseconds;
        return (cpu, cpu / window.TotalSeconds);
    }

    private static string Line(string label, double cpu, double perSecond, long polls)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-20} {cpu,8:F0} {perSecond,9:F2} {polls,6} {process.WorkingSet64 / 1048576.0,15:F1} {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0,16:F1}");
    }

    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (await body.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }
}
