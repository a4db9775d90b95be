namespace AgentRuntime.Host.Cli;

/// <summary>An error the operator can fix; its message says what to do. Printed to stderr without a stack trace.</summary>
internal sealed class CliException : OperatorException
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliException()
    {
    }
}
