using AgentRuntime.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/Runtime.Benchmarks [-- sizes...]
// e.g. "-- 1000 100000" to skip the million-row runs. Prints one plain table on stdout.
var sizes = args.Length > 0
    ? args.Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
    : [1_000, 100_000, 1_000_000];
return StoreBenchmark.Run(sizes, Console.Out);
