namespace AgentRuntime.Host.Backlog;

/// <summary>A backlog file that cannot be seeded; the message names the entry and field and what is expected. Nothing was written.</summary>
internal sealed class BacklogInputException : OperatorException
{
    public BacklogInputException(string message)
        : base(message)
    {
    }

    public BacklogInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BacklogInputException()
    {
    }
}
