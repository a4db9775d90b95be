using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Finds and stops the processes an attempt left behind: at the end of the attempt, a descendant
/// that left the process group (its own session, a double fork); after a crash of the runner
/// (kill -9, OOM kill), the whole tree, found by the next dispatcher's boot sweep. Every process
/// <see cref="ProcessRunner"/> launches carries
/// <c>AGENT_RUNTIME_ATTEMPT_ID=&lt;attempt id&gt;</c> in its environment and leads (or belongs to)
/// a process group of its own, made by <c>setsid</c>. The attempt id is a GUID, so a process whose
/// environment names it is that attempt's, whatever pids were reused since; the group of such a
/// process is stopped too when that process leads its own session (so no group the dispatcher
/// shares with a shell or a service is ever touched), which catches a descendant that cleared its
/// environment. Linux only (<c>/proc</c>); elsewhere nothing is found.
/// </summary>
internal static partial class AttemptProcesses
{
    public const string Marker = ProcessRunner.AttemptMarker;

    private const uint KernelThreadFlag = 0x00200000;

    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(2);

    /// <summary>How long after an empty read an environment is read again: an exec takes well under it.</summary>
    private static readonly TimeSpan ExecRetry = TimeSpan.FromMilliseconds(20);

    /// <summary>SIGKILLs the processes of these attempts and returns how many carried the marker.</summary>
    public static int Stop(IReadOnlyCollection<string> attemptIds)
    {
        ArgumentNullException.ThrowIfNull(attemptIds);
        if (attemptIds.Count == 0 || !OperatingSystem.IsLinux() || !Directory.Exists("/proc/self"))
        {
            return 0;
        }

        var needles = attemptIds.Select(id => Encoding.UTF8.GetBytes($"{Marker}={id}\0")).ToList();
        var found = Find(needles);
        var ownGroup = GetProcessGroup();
        var ownSession = GetSession(0);
        var carriers = found.Select(f => f.Pid).ToHashSet();
        foreach (var (pid, group, session) in found)
        {
            // The runner is dead, so there is nothing to wait for: no SIGTERM grace. The group is
            // the attempt's when setsid made it (it is its session's) and its leader is the
            // attempt's too, or gone (a pid is not reused while its group lives).
            if (group == session && group != ownGroup && group != ownSession && group > 1 && (carriers.Contains(group) || !Directory.Exists($"/proc/{group.ToString(CultureInfo.InvariantCulture)}")))
            {
                _ = ProcessSignals.Kill(-group, ProcessSignals.SigKill);
            }

            _ = ProcessSignals.Kill(pid, ProcessSignals.SigKill);
        }

        // SIGKILL is asynchronous: wait (bounded) until they have died, so the caller's next step
        // (requeueing the task, ending the attempt) never overlaps them.
        // Synchronous on purpose: the boot sweep calls this inside its transaction.
        var deadline = Environment.TickCount64 + (long)KillWait.TotalMilliseconds;
        using var pause = new ManualResetEventSlim();
        while (found.Any(f => IsRunning(f.Pid)) && Environment.TickCount64 < deadline)
        {
            pause.Wait(10);
        }

        return found.Count;
    }

    /// <summary>
    /// Live processes (zombies excluded) whose environment holds one of the markers: pid, process
    /// group, session. A process in the middle of <c>execve</c> reads as an empty environment until
    /// the new program's is in place (a fork-and-exec loop read that way about once in twenty reads
    /// here), so such a process could be missed and then run on with the marker; a live user
    /// process read empty is read again once, a little later.
    /// </summary>
    private static List<(int Pid, int Group, int Session)> Find(List<byte[]> needles)
    {
        var found = new List<(int, int, int)>();
        var empty = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId)
            {
                Check(pid, needles, found, empty);
            }
        }

        if (empty.Count > 0)
        {
            using var pause = new ManualResetEventSlim();
            pause.Wait(ExecRetry);
            foreach (var pid in empty)
            {
                Check(pid, needles, found, null);
            }
        }

        return found;
    }

    private static void Check(int pid, List<byte[]> needles, List<(int, int, int)> found, List<int>? empty)
    {
        try
        {
            var environment = File.ReadAllBytes($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/environ");
            if (environment.Length == 0)
            {
                // Kernel threads have no environment either; they are not worth a second look.
                if (empty is not null && LiveStat(pid) is not null && !IsKernelThread(pid))
                {
                    empty.Add(pid);
                }
            }
            else if (needles.Any(n => Holds(environment, n)) && LiveStat(pid) is { } stat)
            {
                found.Add((pid, stat.ProcessGroup, stat.Session));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone meanwhile, or not ours to read (then not ours to stop either).
        }
    }

    /// <summary>Whether the process is a kernel thread: <c>PF_KTHREAD</c> in the flags, field 9 of its stat.</summary>
    private static bool IsKernelThread(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 6 && uint.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out var flags) && (flags & KernelThreadFlag) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Whether <paramref name="needle"/> (<c>NAME=value\0</c>) is a whole entry of the NUL-separated environment.</summary>
    private static bool Holds(ReadOnlySpan<byte> environment, ReadOnlySpan<byte> needle)
    {
        var offset = 0;
        while (offset < environment.Length)
        {
            var index = environment[offset..].IndexOf(needle);
            if (index < 0)
            {
                return false;
            }

            var at = offset + index;
            if (at == 0 || environment[at - 1] == 0)
            {
                return true;
            }

            offset = at + 1;
        }

        return false;
    }

    private static bool IsRunning(int pid) => LiveStat(pid) is not null;

    /// <summary>The process's group and session; null once it is gone or a zombie.</summary>
    private static (char State, int ProcessGroup, int Session)? LiveStat(int pid) =>
        ProcessSignals.ReadStat(pid) is { State: not ('Z' or 'X') } stat ? stat : null;

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    private static partial int GetProcessGroup();

    [LibraryImport("libc", EntryPoint = "getsid")]
    private static partial int GetSession(int pid);
}
