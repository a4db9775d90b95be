using System.Globalization;
using System.Runtime.InteropServices;

namespace AgentRuntime.Plugins.Shared;

/// <summary>Signals a process group and asks whether any live (non-zombie) member is left.</summary>
internal static partial class ProcessSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Signals the group led by <paramref name="pid"/>, or just the process when it has no group of its own.</summary>
    public static void Send(int pid, bool ownGroup, int signal)
    {
        if (pid <= 0 || OperatingSystem.IsWindows())
        {
            return;
        }

        // The reference falls back to the child alone when signalling the group fails.
        if (!ownGroup || Kill(-pid, signal) != 0)
        {
            _ = Kill(pid, signal);
        }
    }

    /// <summary>Whether any process of the group (or the process itself) is still running; zombies do not count.</summary>
    public static bool AnyAlive(int pid, bool ownGroup)
    {
        if (pid <= 0 || OperatingSystem.IsWindows())
        {
            return false;
        }

        // kill(…, 0) fails with ESRCH once no member (not even a zombie) is left: no scan needed.
        if (Kill(ownGroup ? -pid : pid, 0) != 0)
        {
            return false;
        }

        if (!Directory.Exists("/proc/self"))
        {
            return true;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var candidate))
            {
                continue;
            }

            if (ReadStat(candidate) is { } stat && stat.State != 'Z' && stat.State != 'X'
                && (ownGroup ? stat.ProcessGroup == pid : candidate == pid))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>State letter, process-group id and session id from <c>/proc/&lt;pid&gt;/stat</c>, or null when the process is gone.</summary>
    public static (char State, int ProcessGroup, int Session)? ReadStat(int pid) =>
        StatFields(pid) is { Length: > 3 } fields
            && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
            && int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var session)
            ? (fields[0][0], group, session)
            : null;

    /// <summary>
    /// The fields of <c>/proc/&lt;pid&gt;/stat</c> after "pid (comm) ", so index 0 is the state
    /// (field 3), or null when the process is gone.
    /// </summary>
    public static string[]? StatFields(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // comm may contain spaces and parentheses, so split after the last ')'.
        var close = text.LastIndexOf(')');
        return close < 0 || close + 2 > text.Length ? null : text[(close + 2)..].Split(' ');
    }

    /// <summary>kill(2): a negative <paramref name="pid"/> signals that process group; 0 on success.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
