namespace AgentRuntime.Host.Storage;

/// <summary>
/// The runtime database could not be used (locked past the busy timeout, read-only, on a full disk,
/// missing or damaged): an operator's problem to fix, shown as one line naming the file (<see cref="StoreFailure.Describe"/>).
/// </summary>
internal sealed class StoreUnavailableException : OperatorException
{
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException()
    {
    }
}
