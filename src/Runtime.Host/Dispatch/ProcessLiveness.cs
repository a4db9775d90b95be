using System.Runtime.InteropServices;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Dispatch;

/// <summary>Whether a pid names a live process: <c>kill(pid, 0)</c> succeeds, or fails with EPERM (alive, not ours).</summary>
internal static class ProcessLiveness
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

        return ProcessSignals.Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == Eperm;
    }
}
