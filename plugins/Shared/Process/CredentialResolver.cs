using System.Text.Json;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Resolves <c>*_CREDENTIAL</c> references (spec §4.6) through the external Bun credential skill.
/// Failures are misconfiguration and throw <see cref="AdapterConfigurationException"/> with the
/// reference's messages. The password is passed on the skill's command line as the reference does
/// (Appendix B 21): the skill offers no other channel.
/// </summary>
internal sealed class CredentialResolver(string homeDirectory, string bunExecutable, ProcessRunner runner)
{
    private const string Suffix = "_CREDENTIAL";
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Uses <c>$HOME</c> and the bun executable named by <c>AGENT_RUNTIME_BUN</c> (default <c>bun</c>).</summary>
    public static CredentialResolver FromEnvironment(ProcessRunner runner) => new(
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Environment.GetEnvironmentVariable("AGENT_RUNTIME_BUN") is { Length: > 0 } bun ? bun : "bun",
        runner);

    public async Task<OrderedDictionary<string, string>> ResolveAsync(OrderedDictionary<string, string> env, CancellationToken cancellationToken)
    {
        var references = env.Keys.Where(k => k.EndsWith(Suffix, StringComparison.Ordinal)).ToList();
        if (references.Count == 0)
        {
            return env;
        }

        var repo = Path.Combine(homeDirectory, ".claude", "skills", "skills-repo");
        var skill = Path.Combine(repo, "credentials", "credentials.ts");
        if (!File.Exists(skill))
        {
            throw new AdapterConfigurationException($"credentials skill missing at {skill}; cannot resolve *_CREDENTIAL refs");
        }

        var envFile = Path.Combine(homeDirectory, ".env");
        if (!File.Exists(envFile))
        {
            throw new AdapterConfigurationException($"cannot resolve *_CREDENTIAL refs: {envFile} not found");
        }

        var password = EnvFile.Read(envFile).GetValueOrDefault("CREDENTIALS_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            throw new AdapterConfigurationException($"cannot resolve *_CREDENTIAL refs: CREDENTIALS_PASSWORD missing in {envFile}");
        }

        var resolved = new OrderedDictionary<string, string>(env, StringComparer.Ordinal);
        foreach (var key in references)
        {
            var id = env[key];
            if (id.Length == 0)
            {
                throw new AdapterConfigurationException($"{key} is empty; expected a credential id");
            }

            resolved[key[..^Suffix.Length]] = await FetchAsync(repo, skill, id, password, cancellationToken).ConfigureAwait(false);
            resolved.Remove(key);
        }

        return resolved;
    }

    /// <summary>The values <see cref="ResolveAsync"/> fetched for the references in <paramref name="env"/>: secrets to mask.</summary>
    public static IReadOnlyCollection<string> ResolvedSecrets(IReadOnlyDictionary<string, string> env, IReadOnlyDictionary<string, string> resolved) =>
        [.. env.Keys.Where(k => k.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(k => resolved.GetValueOrDefault(k[..^Suffix.Length]))
            .OfType<string>()];

    private async Task<string> FetchAsync(string repo, string skill, string id, string password, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(
            new ProcessSpec
            {
                Command = bunExecutable,
                Arguments = ["run", skill, "get", "--id", id, "--password", password],
                WorkingDirectory = repo,
                Timeout = FetchTimeout,
            },
            NullSink.Instance,
            cancellationToken).ConfigureAwait(false);

        var failure = outcome.End switch
        {
            ProcessEnd.SpawnFailed => $"{outcome.SpawnError} (set AGENT_RUNTIME_BUN to the bun executable)",
            ProcessEnd.TimedOut => $"timed out after {FetchTimeout.TotalSeconds:0} s",
            _ when outcome.ExitCode != 0 => outcome.Stderr.Trim() is { Length: > 0 } err ? err : $"exit {outcome.ExitCode}",
            _ => null,
        };
        if (failure is not null)
        {
            throw new AdapterConfigurationException($"credential fetch failed for \"{id}\": {failure}");
        }

        JsonElement value;
        try
        {
            using var document = JsonDocument.Parse(outcome.Stdout);
            value = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("value", out var v)
                ? v.Clone()
                : default;
        }
        catch (JsonException ex)
        {
            throw new AdapterConfigurationException($"credential fetch returned non-JSON for \"{id}\"", ex);
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } secret
            ? secret
            : throw new AdapterConfigurationException($"credential \"{id}\" has no value");
    }
}
