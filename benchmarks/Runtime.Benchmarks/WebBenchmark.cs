using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Web;
using AgentRuntime.Host.Web.Stream;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// The operator web server in this process on <c>127.0.0.1:0</c> over a database of many tasks:
/// throughput and latency of <c>/api/state</c> and <c>/api/tasks</c> under 100 concurrent clients,
/// then the CPU and memory cost of 100 idle <c>/api/stream</c> clients. Figures for a report;
/// never asserted anywhere.
/// </summary>
internal static class WebBenchmark
{
    private const int Clients = 100;

    private static readonly string[] Routes = ["/api/state", "/api/tasks", "/api/tasks?limit=200", "/api/tasks?status=pending", "/api/tasks?status=running"];

    public static async Task<int> RunAsync(int tasks, TimeSpan duration, TimeSpan idleWindow, TextWriter output)
    {
        var dbPath = WebDatabase.Prepare(tasks, output);
        using var directory = new BenchmarkDirectory();
        var config = directory.WriteConfig(dbPath);
        var options = new WebServerOptions
        {
            ConfigPath = config,
            WorkingDirectory = directory.Path,
            Port = 0,
            Core = new CoreOptions(TimeProvider.System, TextWriter.Null),
            ConfigureServices = services => services.AddOperatorStream(),
        };
        await using var server = await WebServer.StartAsync(options, CancellationToken.None);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 2 * Clients };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}"), Timeout = TimeSpan.FromMinutes(2) };

        output.WriteLine($"{tasks:N0} tasks, {Clients} concurrent clients, {duration.TotalSeconds:F0} s per route after a 2 s warm-up, {Environment.ProcessorCount} cores");
        output.WriteLine(HttpLoad.Header);
        foreach (var route in Routes)
        {
            output.WriteLine(await HttpLoad.MeasureAsync(client, route, Clients, duration));
            output.Flush();
        }

        output.WriteLine();
        output.WriteLine($"{Clients} idle /api/stream clients, {idleWindow.TotalSeconds:F0} s windows (whole process: server and clients)");
        output.WriteLine(IdleStreams.Header);
        var broadcaster = server.Services.GetRequiredService<StreamBroadcaster>();
        await IdleStreams.MeasureAsync(client, Clients, idleWindow, () => broadcaster.PollCount, output);
        return 0;
    }
}
