using System.Globalization;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>
/// Tells whether a process a test launched is still alive, by pid and start time (field 22 of
/// <c>/proc/&lt;pid&gt;/stat</c>, fixed at fork and kept across exec), so a reused pid is not taken
/// for the launched process (pid_max is 32768 here and the suite starts thousands).
/// </summary>
internal static class ProcessTree
{
    /// <summary>The process's start time, or null when it is gone or a zombie.</summary>
    public static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? null : fields[19];
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the launched process is gone (exited, a zombie, or its pid now names another process)
    /// within 10 s: a killed process can still be exiting on a loaded machine; one never killed stays.
    /// </summary>
    public static async Task<bool> GoneAsync(int pid, string startTime)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (StartTime(pid) == startTime)
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Waits (up to <paramref name="limit"/>) until <paramref name="done"/> holds; returns whether it did.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan limit)
    {
        var deadline = TimeProvider.System.GetUtcNow() + limit;
        while (!done())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
