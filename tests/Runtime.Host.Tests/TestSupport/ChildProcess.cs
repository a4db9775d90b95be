using System.Diagnostics;

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
}
