namespace AgentRuntime.Host.Dispatch;

/// <summary>The result of trying to take the dispatch lock.</summary>
internal sealed record LockAcquisition(DispatchLock? Lock, StaleLock? Cleared)
{
    public bool Acquired => Lock is not null;
}
