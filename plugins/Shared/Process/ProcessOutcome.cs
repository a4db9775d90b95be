namespace AgentRuntime.Plugins.Shared;

/// <summary>The result of <see cref="ProcessRunner.RunAsync"/>: expected failures are values, not exceptions.</summary>
internal sealed record ProcessOutcome
{
    public required ProcessEnd End { get; init; }

    /// <summary>The exit code when <see cref="End"/> is <see cref="ProcessEnd.Exited"/>; .NET reports a signalled child as 128 + signal.</summary>
    public int ExitCode { get; init; }

    /// <summary>Everything read from stdout (up to the moment reading stopped, on timeout).</summary>
    public string Stdout { get; init; } = "";

    public string Stderr { get; init; } = "";

    /// <summary>Why the launch failed, when <see cref="End"/> is <see cref="ProcessEnd.SpawnFailed"/>.</summary>
    public string? SpawnError { get; init; }

    /// <summary>The launched process id (also its process-group id when launched through <c>setsid</c>), or 0.</summary>
    public int ProcessId { get; init; }

    /// <summary>The resolved absolute path of the command, when it was found.</summary>
    public string? CommandPath { get; init; }
}
