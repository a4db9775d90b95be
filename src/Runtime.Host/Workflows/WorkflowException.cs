namespace AgentRuntime.Host.Workflows;

/// <summary>A workflow request that cannot be carried out (unknown template, workflow or transition); the message is the reference's.</summary>
internal sealed class WorkflowException : OperatorException
{
    public WorkflowException(string message)
        : base(message)
    {
    }

    public WorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WorkflowException()
    {
    }
}
