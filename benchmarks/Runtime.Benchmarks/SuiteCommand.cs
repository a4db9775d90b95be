using System.Globalization;

namespace AgentRuntime.Benchmarks;

/// <summary>The <c>suite</c> mode: its options, the machine it ran on, then each part of the suite.</summary>
internal static class SuiteCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var published = PublishedFolder.Resolve(Option("--published"), output);
        output.WriteLine($"suite: {published}/agent-runtime, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        OneShotSuite.Run(published, Number("--runs", 15), Number("--warmups", 2), output);
        ClaimLatency.Run(Number("--claims", 2000), output);
        RunServe(published, args, output);
        output.WriteLine($"load average at the end: {LoadAverage()}");
        output.Flush();
        return 0;
    }

    /// <summary>The serve part alone (mode <c>serve</c>), or after the one-shot part of the suite.</summary>
    public static int RunServe(string published, string[] args, TextWriter output)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        // The command list of the root help; an unknown "serve --help" would print the root help and exit 0 as well.
        WholeProcess.Run([Path.Combine(published, "agent-runtime"), "--help"], Path.GetTempPath(), out var help);
        if (!help.Split('\n').Any(line => line.StartsWith("  serve ", StringComparison.Ordinal)))
        {
            output.WriteLine("serve not measured: this published host has no serve command");
            return 0;
        }

        ServeBenchmark.Run(published, Number("--serve-tasks", 500), Number("--latency-tasks", 50), TimeSpan.FromSeconds(Number("--idle", 20)), output);
        output.WriteLine($"load average after serve: {LoadAverage()}");
        return 0;
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
