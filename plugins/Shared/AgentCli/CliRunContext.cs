using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>The per-attempt facts a driver builds its argument vector from.</summary>
internal sealed record CliRunContext
{
    public required ExecutionRequest Request { get; init; }

    /// <summary>The adapter env (env file + <c>env</c>) before credential resolution: codex reads its fallbacks here.</summary>
    public required IReadOnlyDictionary<string, string> AdapterEnv { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>A private temp directory, deleted after the run (codex's last-message file lives here).</summary>
    public required string TempDirectory { get; init; }

    /// <summary>The trusted-VM arguments when <c>autonomy</c> is <c>trusted-vm</c>, else empty.</summary>
    public required IReadOnlyList<string> TrustedVmArgs { get; init; }

    public required IReadOnlyList<string> ExtraArgs { get; init; }
}
