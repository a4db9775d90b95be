namespace AgentRuntime.Host.Cli;

/// <summary>The CLI's exit codes, in one place.</summary>
internal static class ExitCodes
{
    /// <summary>The command completed (including <c>run-once</c> results with <c>"ok": false</c>).</summary>
    public const int Success = 0;

    /// <summary>The command failed, or a check it ran found a problem (<c>healthcheck</c>, <c>adapters</c>).</summary>
    public const int Failure = 1;

    /// <summary>Unknown command, unknown flag or a missing flag value: usage goes to stderr.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by SIGINT or SIGTERM before the command finished (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
