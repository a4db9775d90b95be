using System.Runtime.InteropServices;

namespace AgentRuntime.Host.Dispatch;

/// <summary>Whether a pid names a live process: <c>kill(pid, 0)</c> succeeds, or fails with EPERM (alive, not ours).</summary>
internal static partial class ProcessLiveness
{
    private const int Eperm = 1;

    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        return Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == Eperm;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
