namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// What <see cref="ProcessRunner"/> launches: an executable with an argument vector (never a
/// shell), a working directory, variables overlaid on the runtime's own environment, optional
/// stdin text and a timeout.
/// </summary>
internal sealed record ProcessSpec
{
    /// <summary>A bare name (searched on the child's <c>PATH</c>) or a path (relative to <see cref="WorkingDirectory"/>).</summary>
    public required string Command { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public required string WorkingDirectory { get; init; }

    /// <summary>Overlaid on the runtime process's environment; the whole process env is never recorded.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Written to stdin, which is then closed; null closes stdin at once.</summary>
    public string? StandardInput { get; init; }

    public required TimeSpan Timeout { get; init; }

    /// <summary>
    /// Values masked in the forwarded output lines and in the returned stdout/stderr: the credentials
    /// resolved for this run, which only the plugin knows.
    /// </summary>
    public IReadOnlyCollection<string> Secrets { get; init; } = [];

    /// <summary>
    /// The attempt this process serves, exported to it as <c>AGENT_RUNTIME_ATTEMPT_ID</c> (unless
    /// the environment already sets it) so the host can find its tree after a crash. Not recorded
    /// in the invocation: it identifies the run, it is not the adapter's configuration.
    /// </summary>
    public string? AttemptId { get; init; }

    /// <summary>How long the process group gets between SIGTERM and SIGKILL.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);
}
