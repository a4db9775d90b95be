namespace AgentRuntime.Benchmarks;

/// <summary>A runtime's command line as the suite starts it: the published host, or the Bun runtime.</summary>
internal sealed record Cli(string Name, IReadOnlyList<string> Prefix, string? WorkingDirectory)
{
    public const string BunVariable = "AGENT_RUNTIME_BUN";

    /// <summary>Runs <c>&lt;cli&gt; &lt;args&gt; --config &lt;config&gt;</c> from the runtime's folder (or the Bun checkout).</summary>
    public Sample Run(string runtimeDirectory, string config, IReadOnlyList<string> args, out string stdout) =>
        WholeProcess.Run([.. Prefix, .. args, "--config", config], WorkingDirectory ?? runtimeDirectory, out stdout);

    public Sample Run(string runtimeDirectory, string config, params string[] args) => Run(runtimeDirectory, config, args, out _);

    public static Cli Published(string folder) => new("agent-runtime", [Path.Combine(folder, "agent-runtime")], null);

    /// <summary>The published folder's managed plugin host, which the front end hands plugin commands to.</summary>
    public static Cli PublishedHost(string folder) => new("agent-runtime-host", [Path.Combine(folder, "agent-runtime-host")], null);

    /// <summary>
    /// The Bun runtime named by <c>AGENT_RUNTIME_BUN</c>: a checkout (run as <c>bun run src/cli.ts</c>
    /// inside it) or a command line; null when the variable is unset.
    /// </summary>
    public static Cli? Bun()
    {
        var value = Environment.GetEnvironmentVariable(BunVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Directory.Exists(value)
            ? new Cli("bun", ["bun", "run", Path.Combine(value, "src", "cli.ts")], value)
            : new Cli("bun", value.Split(' ', StringSplitOptions.RemoveEmptyEntries), null);
    }
}
