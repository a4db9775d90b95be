namespace AgentRuntime.Host.Logging;

/// <summary>
/// Whether the process runs under systemd and whether its stderr is the journal. systemd sets
/// <c>INVOCATION_ID</c> for every unit it runs and <c>JOURNAL_STREAM</c> (<c>device:inode</c> of the
/// stream socket) when stdout or stderr goes to the journal. Children inherit both, so the journal
/// is recognised only when the inode is that of this process's stderr (systemd.exec(5) says to
/// compare); an agent CLI that runs a command and captures its stderr gets plain lines.
/// </summary>
internal static class JournalStream
{
    public const string StreamVariable = "JOURNAL_STREAM";
    public const string InvocationVariable = "INVOCATION_ID";

    /// <summary>Run by systemd (or a process it started): the console log has no colours.</summary>
    public static bool UnderSystemd =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(StreamVariable)) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(InvocationVariable));

    /// <summary>This process's stderr is the journal's stream socket: lines may carry a priority prefix.</summary>
    public static bool IsStandardError()
    {
        var stream = Environment.GetEnvironmentVariable(StreamVariable);
        return !string.IsNullOrEmpty(stream) && IsStream(stream, StandardErrorTarget());
    }

    /// <summary>
    /// <paramref name="journalStream"/> (<c>device:inode</c>) names the socket <paramref name="stderrTarget"/>
    /// (the link target of <c>/proc/self/fd/2</c>, <c>socket:[inode]</c>).
    /// </summary>
    public static bool IsStream(string? journalStream, string? stderrTarget)
    {
        var separator = journalStream?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (separator <= 0 || stderrTarget is null)
        {
            return false;
        }

        var inode = journalStream![(separator + 1)..];
        return inode.Length > 0 && inode.All(char.IsAsciiDigit) && stderrTarget == $"socket:[{inode}]";
    }

    private static string? StandardErrorTarget()
    {
        try
        {
            return new FileInfo("/proc/self/fd/2").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
