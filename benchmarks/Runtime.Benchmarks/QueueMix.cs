namespace AgentRuntime.Benchmarks;

/// <summary>How the filled tasks are spread over statuses.</summary>
internal enum QueueMix
{
    /// <summary>A long-lived queue: 90% completed, 3% blocked, 2% permanent failures, 3% pending (a third delayed), 2% retryable.</summary>
    MostlyFinished,

    /// <summary>A backlog: every task pending and available, priorities 1–9.</summary>
    AllPending,
}
