using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Storage;

/// <summary>The stored text of attempt statuses, exit statuses and retry classes (spec §3.5).</summary>
internal static class AttemptValues
{
    public const string Running = "running";
    public const string Finished = "finished";

    public static string ToText(ExitStatus status) => status switch
    {
        ExitStatus.Ok => "ok",
        ExitStatus.Error => "error",
        ExitStatus.Timeout => "timeout",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown exit status"),
    };

    public static string ToText(RetryClass retryClass) => retryClass switch
    {
        RetryClass.None => "none",
        RetryClass.Retryable => "retryable",
        RetryClass.Permanent => "permanent",
        _ => throw new ArgumentOutOfRangeException(nameof(retryClass), retryClass, "unknown retry class"),
    };
}
