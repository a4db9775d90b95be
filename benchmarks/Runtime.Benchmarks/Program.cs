using AgentRuntime.Benchmarks;

// Usage (Release):
//   dotnet benchmarks/Runtime.Benchmarks/bin/Release/net10.0/Runtime.Benchmarks.dll [store] [sizes...]
//     claim and status latency at growing table sizes (default 1000 100000 1000000)
//   dotnet benchmarks/Runtime.Benchmarks/bin/Release/net10.0/Runtime.Benchmarks.dll run-once [host command]
//     whole-process run-once wall time; host command defaults to the Release build
//     ("dotnet src/Runtime.Host/bin/Release/net10.0/agent-runtime.dll"); pass a published binary to measure that.
//   dotnet benchmarks/Runtime.Benchmarks/bin/Release/net10.0/Runtime.Benchmarks.dll web [tasks] [seconds per route] [idle seconds]
//     the web server in process over a cached database of tasks (default 1000000, 10 s, 30 s): req/s and
//     p50/p99 of /api/state and /api/tasks with 100 clients, then CPU and memory of 100 idle /api/stream clients
//   dotnet benchmarks/Runtime.Benchmarks/bin/Release/net10.0/Runtime.Benchmarks.dll web-db <tasks>
//     only builds (or finds) that cached database
//   dotnet benchmarks/Runtime.Benchmarks/bin/Release/net10.0/Runtime.Benchmarks.dll suite [--published <dir>] [--runs 15] [--warmups 2] [--claims 2000]
//     whole processes of the published folder (scripts/publish.sh into the bench cache unless --published):
//     median/min/max wall time and peak RSS of the one-shot commands, status at 1k and 1M tasks, claim p50/p99
//     at 1M in process; the Bun runtime's same commands beside them when AGENT_RUNTIME_BUN is set
//     and serve (below) when the published host has it
//   dotnet benchmarks/Runtime.Benchmarks/bin/Release/net10.0/Runtime.Benchmarks.dll serve [--published <dir>] [--serve-tasks 500] [--latency-tasks 50] [--idle 20]
//     serve --no-web of the published folder: tasks/s at 1 and 4 concurrent attempts, intake-to-start p50/p99, peak RSS, idle CPU
// Prints plain tables on stdout.
if (args.Length > 0 && args[0] == "serve")
{
    var rest = args.Skip(1).ToArray();
    var published = PublishedFolder.Resolve(Array.IndexOf(rest, "--published") is var at and >= 0 && at + 1 < rest.Length ? rest[at + 1] : null, Console.Out);
    return SuiteCommand.RunServe(published, rest, Console.Out);
}

if (args.Length > 0 && args[0] == "suite")
{
    return SuiteCommand.Run(args.Skip(1).ToArray(), Console.Out);
}

if (args.Length > 0 && args[0] == "run-once")
{
    var host = args.Length > 1 ? string.Join(' ', args.Skip(1)) : $"dotnet {RepoPaths.ReleaseHostDll}";
    return RunOnceBenchmark.Run(host, Console.Out);
}

if (args.Length > 1 && args[0] == "web-db")
{
    WebDatabase.Prepare(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), Console.Out);
    return 0;
}

if (args.Length > 0 && args[0] == "web")
{
    int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    return await WebBenchmark.RunAsync(Arg(1, 1_000_000), TimeSpan.FromSeconds(Arg(2, 10)), TimeSpan.FromSeconds(Arg(3, 30)), Console.Out);
}

var sizeArgs = args.Length > 0 && args[0] == "store" ? args.Skip(1).ToArray() : args;
var sizes = sizeArgs.Length > 0
    ? sizeArgs.Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
    : [1_000, 100_000, 1_000_000];
return StoreBenchmark.Run(sizes, Console.Out);
