using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// What <see cref="ProcessRunner"/> actually execs for a command. On Linux <c>setsid</c> goes in
/// front (a session and process group of its own; it execs in place, so the pid is kept), and
/// where the attempt has a cgroup (<see cref="AttemptScope"/>) <c>/bin/sh</c> goes in front of that:
/// it writes its pid to the scope's <c>cgroup.procs</c> and execs the rest, so the command and every
/// descendant run in the scope from their first instruction on, still under the same pid.
/// </summary>
internal static class LaunchLine
{
    /// <summary>
    /// <c>sh -c</c> script of the wrapper: join the cgroup whose <c>cgroup.procs</c> is <c>$0</c>, then
    /// exec the rest. Should the write fail the command still runs, contained by its group and marker.
    /// </summary>
    private const string JoinScope = "{ echo $$ > \"$0\"; } 2>/dev/null; exec \"$@\"";

    private static readonly Lazy<string?> SetsidPath = new(() => OperatingSystem.IsLinux() ? ExecutableLocator.Find("setsid") : null);
    private static readonly Lazy<string?> Shell = new(() => OperatingSystem.IsLinux() && File.Exists("/bin/sh") ? "/bin/sh" : null);

    /// <summary>Whether the launched process gets a process group of its own.</summary>
    public static bool OwnGroup => SetsidPath.Value is not null;

    /// <summary>Whether an attempt's process can join a scope (it needs setsid and the shell).</summary>
    public static bool CanScope => OwnGroup && Shell.Value is not null;

    /// <summary>The executable and arguments that run <paramref name="commandPath"/> in its own group and, given one, in <paramref name="scope"/>.</summary>
    public static (string Executable, IReadOnlyList<string> Arguments) For(string commandPath, IReadOnlyList<string> arguments, AttemptScope? scope)
    {
        if (SetsidPath.Value is not { } setsid)
        {
            return (commandPath, arguments);
        }

        return scope is not null && Shell.Value is { } shell
            ? (shell, ["-c", JoinScope, scope.ProcsFile, setsid, commandPath, .. arguments])
            : (setsid, [commandPath, .. arguments]);
    }

    /// <summary>Tells the host the process started, so it can record it; a sink never throws, but a report must not end the run either way.</summary>
    public static void Report(IExecutionSink sink, AdapterProcess process)
    {
        try
        {
            sink.ProcessStarted(process);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The host keeps its marker scan as the fallback.
        }
    }
}
