namespace AgentRuntime.Host.Storage;

/// <summary>The task status strings of spec §3.4, exactly as stored.</summary>
internal static class TaskStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string RetryableFailure = "retryable_failure";
    public const string PermanentFailure = "permanent_failure";
    public const string Blocked = "blocked";
    public const string OperatorCanceled = "operator_canceled";

    public static readonly IReadOnlyList<string> All =
        [Pending, Running, Completed, RetryableFailure, PermanentFailure, Blocked, OperatorCanceled];
}
