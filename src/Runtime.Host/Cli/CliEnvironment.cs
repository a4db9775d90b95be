using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli;

/// <summary>
/// What one CLI invocation runs against: where results and diagnostics go, the options the core
/// is built with, and whether SIGINT/SIGTERM are handled. The process entry uses the console and
/// the system clock; tests run the same commands in process with their own writers and a fake clock.
/// </summary>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, CoreOptions Core, bool HandleSignals)
{
    /// <summary>The real process: console streams, the system clock, signals handled.</summary>
    public static CliEnvironment Console() => new(System.Console.Out, System.Console.Error, CoreOptions.Default, HandleSignals: true);

    /// <summary>An in-process run: its own writers (the core logs to <paramref name="error"/> too) and clock; the host process's signals are left alone.</summary>
    public static CliEnvironment InProcess(TextWriter output, TextWriter error, TimeProvider time) =>
        new(output, error, new CoreOptions(time, error), HandleSignals: false);
}
