namespace AgentRuntime.Sdk;

/// <summary>How an attempt's execution ended. Stored as <c>ok</c>, <c>error</c> or <c>timeout</c>.</summary>
public enum ExitStatus
{
    /// <summary>The adapter ran to completion (exit code 0, HTTP success).</summary>
    Ok,

    /// <summary>The adapter failed (non-zero exit, HTTP error, launch error).</summary>
    Error,

    /// <summary>The adapter exceeded its timeout and was stopped.</summary>
    Timeout,
}
