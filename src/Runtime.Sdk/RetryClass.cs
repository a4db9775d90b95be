namespace AgentRuntime.Sdk;

/// <summary>Whether a failed attempt is worth retrying. Stored as <c>none</c>, <c>retryable</c> or <c>permanent</c>.</summary>
public enum RetryClass
{
    /// <summary>No retry decision is needed: the output is normalized into an outcome.</summary>
    None,

    /// <summary>A transient failure: retry after backoff while attempts remain.</summary>
    Retryable,

    /// <summary>A failure that retrying cannot fix.</summary>
    Permanent,
}
