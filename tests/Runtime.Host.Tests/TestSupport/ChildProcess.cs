using System.Diagnostics;
using System.Globalization;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>
/// Starts the real executables the tests need beside the host CLI (<see cref="HostCli"/>): git,
/// sqlite3, a dispatcher to interrupt, a process whose pid is dead or alive.
/// </summary>
internal static class ChildProcess
{
    public static Process Start(ProcessStartInfo info)
    {
        // RS0030 bans starting processes outside the process runners; this is the tests' runner.
#pragma warning disable RS0030
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
#pragma warning restore RS0030
    }

    public static Process Start(string fileName, params string[] arguments) => Start(new ProcessStartInfo(fileName, arguments));

    /// <summary>
    /// Starts <paramref name="info"/> with SIGINT restored to its default disposition, for a process a test
    /// stops with SIGINT. A shell without job control starts background commands with SIGINT ignored, the
    /// child inherits that, and .NET then leaves SIGINT alone: the test would wait for an exit that never
    /// comes. <c>env --default-signal</c> (coreutils) resets it and execs in place, so the pid is the child's.
    /// </summary>
    public static Process StartInterruptible(ProcessStartInfo info)
    {
        var wrapped = new ProcessStartInfo("env")
        {
            WorkingDirectory = info.WorkingDirectory,
            RedirectStandardInput = info.RedirectStandardInput,
            RedirectStandardOutput = info.RedirectStandardOutput,
            RedirectStandardError = info.RedirectStandardError,
            UseShellExecute = false,
        };
        wrapped.ArgumentList.Add("--default-signal=INT");
        wrapped.ArgumentList.Add(info.FileName);
        foreach (var argument in info.ArgumentList)
        {
            wrapped.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in info.Environment)
        {
            wrapped.Environment[key] = value;
        }

        return Start(wrapped);
    }

    /// <summary>Sends <paramref name="signal"/> (a kill(1) name: TERM, INT, KILL) to <paramref name="pid"/>.</summary>
    public static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Start("kill", $"-{signal}", pid.ToString(CultureInfo.InvariantCulture));
        await kill.WaitForExitAsync();
    }

    /// <summary>Kills what a test started and whatever it started, if it is still running (a test's cleanup).</summary>
    public static void KillTree(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
