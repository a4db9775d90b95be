namespace AgentRuntime.Plugins.Tests.Conformance;

/// <summary>What a conformance test asks the adapter under test to do.</summary>
public enum Behaviour
{
    /// <summary>Answer with the canonical outcome JSON.</summary>
    Succeed,

    /// <summary>Fail the way this adapter fails (non-zero exit, HTTP 503).</summary>
    Fail,

    /// <summary>Never answer; for processes, ignore SIGTERM too.</summary>
    Hang,

    /// <summary>Cannot run at all (missing command, unreachable endpoint).</summary>
    Unavailable,
}
