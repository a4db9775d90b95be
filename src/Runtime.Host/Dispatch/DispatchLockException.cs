namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// The dispatch lock could not be taken because its files cannot be written (a read-only mount, a
/// full disk, no permission), as opposed to another dispatcher holding it (<c>dispatch_locked</c>).
/// The message names the file and the cause.
/// </summary>
internal sealed class DispatchLockException : OperatorException
{
    public DispatchLockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DispatchLockException(string message)
        : base(message)
    {
    }

    public DispatchLockException()
    {
    }

    public static DispatchLockException For(string path, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var reason = cause.Message.ReplaceLineEndings("\n").Split('\n', 2)[0].Trim();
        return new DispatchLockException($"cannot take the dispatch lock {path}: {reason}", cause);
    }
}
