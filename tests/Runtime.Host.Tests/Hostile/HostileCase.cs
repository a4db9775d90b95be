namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>One hostile input: a command line (with the files it names) or a POST to the web API.</summary>
internal sealed record HostileCase(string Target, string Mutation)
{
    /// <summary>The CLI arguments without <c>--config</c> (added unless <see cref="ConfigPath"/> says otherwise); empty for a web case.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The config the command runs against, relative to the runtime directory (null: the runtime's own).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Files written (relative to the runtime directory, outside its state) before the case runs.</summary>
    public IReadOnlyList<(string Path, byte[] Content)> Files { get; init; } = [];

    /// <summary>The web route posted to; null for a CLI case.</summary>
    public string? Route { get; init; }

    public byte[]? Body { get; init; }

    /// <summary>A check that reports its findings as a JSON document on stdout (healthcheck) instead of one error line.</summary>
    public bool ReportsOnStdout { get; init; }

    /// <summary>False for a read-only command given odd but readable input: it must not crash or change anything, and may succeed.</summary>
    public bool MustRefuse { get; init; } = true;

    public override string ToString() => Route is null
        ? $"{Target} [{Mutation}] {string.Join(' ', Args.Select(a => a.Length > 120 ? a[..120] + "…" : a))}"
        : $"{Target} [{Mutation}] POST {Route} ({Body?.Length ?? 0} bytes)";
}
