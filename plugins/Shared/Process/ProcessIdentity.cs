using System.Globalization;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Tells one process from a later one that got the same pid: the boot id and the process's start
/// time in clock ticks since boot (<c>/proc/&lt;pid&gt;/stat</c> field 22), as <c>&lt;boot id&gt;/&lt;ticks&gt;</c>.
/// Within one boot no two processes share a pid and a start tick; the boot id tells boots apart.
/// Linux only; null elsewhere and once the process is gone.
/// </summary>
internal static class ProcessIdentity
{
    private static readonly Lazy<string?> BootId = new(() =>
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    });

    /// <summary>The identity of the process <paramref name="pid"/> now, or null when it cannot be read.</summary>
    public static string? Of(int pid)
    {
        if (pid <= 0 || !OperatingSystem.IsLinux() || BootId.Value is not { } boot)
        {
            return null;
        }

        // Field 22 (starttime) is index 19 of the fields after "pid (comm) ".
        var fields = ProcessSignals.StatFields(pid) ?? [];
        return fields.Length > 19 && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? $"{boot}/{ticks.ToString(CultureInfo.InvariantCulture)}"
            : null;
    }
}
