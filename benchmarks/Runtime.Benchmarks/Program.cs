using AgentRuntime.Benchmarks;

// Usage (Release):
//   dotnet benchmarks/Runtime.Benchmarks/bin/Release/net10.0/Runtime.Benchmarks.dll [store] [sizes...]
//     claim and status latency at growing table sizes (default 1000 100000 1000000)
//   dotnet benchmarks/Runtime.Benchmarks/bin/Release/net10.0/Runtime.Benchmarks.dll run-once [host command]
//     whole-process run-once wall time; host command defaults to the Release build
//     ("dotnet src/Runtime.Host/bin/Release/net10.0/agent-runtime.dll"); pass a published binary to measure that.
// Prints plain tables on stdout.
if (args.Length > 0 && args[0] == "run-once")
{
    var host = args.Length > 1 ? string.Join(' ', args.Skip(1)) : $"dotnet {RepoPaths.ReleaseHostDll}";
    return RunOnceBenchmark.Run(host, Console.Out);
}

var sizeArgs = args.Length > 0 && args[0] == "store" ? args.Skip(1).ToArray() : args;
var sizes = sizeArgs.Length > 0
    ? sizeArgs.Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
    : [1_000, 100_000, 1_000_000];
return StoreBenchmark.Run(sizes, Console.Out);
