using System.Globalization;
using System.Runtime.InteropServices;
using AgentRuntime.Host.Storage;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// Stops what a dead runner's attempts left running, before their tasks run again: first what the
/// attempts recorded — the cgroup (<c>cgroup.kill</c>, then removed), then the process group
/// (SIGKILL, then waited for) — and a scope directory made under this process's cgroup but never
/// recorded, then the environment-marker scan as the fallback for anything else (an attempt of a
/// runner that recorded nothing, a descendant that left the group).
/// </summary>
internal static partial class StrandedTrees
{
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(2);

    public static void Stop(IReadOnlyList<StrandedAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var attempt in attempts)
        {
            foreach (var process in attempt.Processes)
            {
                if (process.ControlGroup is { } scope)
                {
                    _ = AttemptScope.Stop(scope);
                }

                StopGroup(process);
            }

            foreach (var scope in AttemptScope.Find(attempt.AttemptId))
            {
                _ = AttemptScope.Stop(scope);
            }
        }

        _ = AttemptProcesses.Stop(attempts.Select(a => a.AttemptId).ToList());
    }

    /// <summary>
    /// SIGKILLs the recorded group when it is still the attempt's: its leader is the recorded
    /// process (same identity), or the leader is gone and a member still belongs to the session
    /// setsid made for it (a pid is not reused while its group or session lives). A leader pid now
    /// naming another process means the group is someone else's: it is left alone.
    /// </summary>
    private static void StopGroup(RecordedProcess process)
    {
        if (process.ProcessGroup is not { } group || group <= 1 || group == GetProcessGroup() || group == Environment.ProcessId)
        {
            return;
        }

        var leader = ProcessIdentity.Of(group);
        var ours = leader is not null
            ? process.Pid == group && process.Identity is not null && leader == process.Identity
            : HasSessionMember(group);
        if (!ours)
        {
            return;
        }

        _ = ProcessSignals.Kill(-group, ProcessSignals.SigKill);

        // Synchronous on purpose: the boot sweep calls this inside its transaction.
        var deadline = Environment.TickCount64 + (long)KillWait.TotalMilliseconds;
        using var pause = new ManualResetEventSlim();
        while (ProcessSignals.AnyAlive(group, ownGroup: true) && Environment.TickCount64 < deadline)
        {
            pause.Wait(10);
        }
    }

    /// <summary>Whether a live process of group <paramref name="group"/> leads nothing but belongs to the session of that id.</summary>
    private static bool HasSessionMember(int group)
    {
        if (ProcessSignals.Kill(-group, 0) != 0)
        {
            return false;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ProcessSignals.ReadStat(pid) is { State: not ('Z' or 'X') } stat
                && stat.ProcessGroup == group && stat.Session == group)
            {
                return true;
            }
        }

        return false;
    }

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    private static partial int GetProcessGroup();
}
