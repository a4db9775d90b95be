namespace AgentRuntime.Host;

/// <summary>
/// The one base of the errors an operator can fix (a bad config, flag, task, schedule, event,
/// backlog or workflow request). Its message says what is wrong and what to do; every surface shows
/// it as it is, without a stack trace (the CLI prints it to stderr and exits 1). Anything else that
/// escapes is a bug and is reported with its type and stack.
/// </summary>
internal abstract class OperatorException : Exception
{
    protected OperatorException(string message)
        : base(message)
    {
    }

    protected OperatorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    protected OperatorException()
    {
    }
}
