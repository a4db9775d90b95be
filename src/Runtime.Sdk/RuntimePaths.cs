namespace AgentRuntime.Sdk;

/// <summary>Absolute directories of the running host.</summary>
public sealed record RuntimePaths
{
    /// <summary>The state root (<c>stateDir</c>).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The managed artifact root (<c>artifactDir</c>).</summary>
    public required string ArtifactDirectory { get; init; }

    /// <summary>The host process's working directory.</summary>
    public required string WorkingDirectory { get; init; }
}
