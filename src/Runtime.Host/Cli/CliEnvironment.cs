using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli;

/// <summary>
/// What one CLI invocation runs against: where results and diagnostics go, the options the core
/// is built with, and whether SIGINT/SIGTERM are handled. The process entry uses the console and
/// the system clock; tests run the same commands in process with their own writers and a fake clock.
/// </summary>
/// <param name="Out">Results (one JSON document).</param>
/// <param name="Error">Diagnostics, usage and log lines.</param>
/// <param name="Core">How the core is built (the clock, where its console log goes).</param>
/// <param name="HandleSignals">Whether SIGINT/SIGTERM cancel the command (the process entry only).</param>
/// <param name="WorkingDirectory">What relative <c>--config</c> and <c>--file</c> paths are resolved against.</param>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, CoreOptions Core, bool HandleSignals, string WorkingDirectory)
{
    /// <summary>The real process: console streams, the system clock, signals handled, the current directory.</summary>
    public static CliEnvironment Console() =>
        new(System.Console.Out, System.Console.Error, CoreOptions.Default, HandleSignals: true, Directory.GetCurrentDirectory());

    /// <summary>An in-process run: its own writers (the core logs to <paramref name="error"/> too), clock and working directory; the host process's signals are left alone.</summary>
    public static CliEnvironment InProcess(TextWriter output, TextWriter error, TimeProvider time, string workingDirectory) =>
        new(output, error, new CoreOptions(time, error), HandleSignals: false, workingDirectory);
}
