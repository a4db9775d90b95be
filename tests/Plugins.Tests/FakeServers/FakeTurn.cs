namespace AgentRuntime.Plugins.Tests.FakeServers;

/// <summary>The canned answer a fake model server gives to every model call.</summary>
public enum FakeTurn
{
    /// <summary>A final assistant message holding the canonical outcome JSON.</summary>
    Outcome,

    /// <summary>HTTP 429 with <c>retry-after: 30</c> and a rate-limit error body.</summary>
    RateLimit,

    /// <summary>HTTP 200 whose body is not the protocol the client expects.</summary>
    Malformed,

    /// <summary>Accepts the request and never answers.</summary>
    Hang,
}
