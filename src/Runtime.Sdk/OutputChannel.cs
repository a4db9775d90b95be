namespace AgentRuntime.Sdk;

/// <summary>The stream a chunk of adapter output belongs to.</summary>
public enum OutputChannel
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,

    /// <summary>A progress note from the adapter itself.</summary>
    Progress,
}
