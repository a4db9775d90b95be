namespace AgentRuntime.Host.Cli;

/// <summary>
/// A command stopped by its surroundings, not by a bug: a file or directory it must write is on a
/// read-only mount, a full disk or out of reach. The operator sees one line naming the path and the
/// cause (the runtime's own I/O messages carry both); the whole exception is in the run log.
/// </summary>
internal sealed class EnvironmentFailure : OperatorException
{
    public EnvironmentFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EnvironmentFailure(string message)
        : base(message)
    {
    }

    public EnvironmentFailure()
    {
    }

    /// <summary>An I/O failure of the file system (not of the database), which the command's own code cannot do anything about.</summary>
    public static bool Is(Exception exception) => exception is IOException or UnauthorizedAccessException;
}
