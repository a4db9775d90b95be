namespace AgentRuntime.Host.Dispatch.Outcomes;

/// <summary>The <c>status</c> and <c>machine_status</c> values of a canonical outcome (§5.11).</summary>
internal static class OutcomeStatuses
{
    public const string Completed = "completed";
    public const string RetryableFailure = "retryable_failure";
    public const string PermanentFailure = "permanent_failure";
    public const string Blocked = "blocked";
    public const string OperatorCanceled = "operator_canceled";

    public const string MachineOk = "ok";
    public const string MachineNeedsRetry = "needs_retry";
    public const string MachineBlocked = "blocked";
    public const string MachineFailed = "failed";
    public const string MachineCanceled = "canceled";
}
