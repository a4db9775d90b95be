namespace AgentRuntime.Host.Storage;

/// <summary>An operation refused because of the task's state (unknown id, wrong status); the message is for the operator.</summary>
internal sealed class TaskStoreException : OperatorException
{
    public TaskStoreException(string message)
        : base(message)
    {
    }

    public TaskStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TaskStoreException()
    {
    }
}
