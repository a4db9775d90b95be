using AgentRuntime.Plugins.Shared;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;
using TempDirectory = AgentRuntime.Host.Tests.TestSupport.TempDirectory;

namespace AgentRuntime.Plugins.Tests.Runner;

/// <summary>Spec §4.6 against a fake <c>bun</c> and a temp <c>$HOME</c> holding the skill and the password file.</summary>
public sealed class CredentialResolverTests : IDisposable
{
    private readonly TempDirectory _home = new("fake-home");

    private CredentialResolver Resolver => new(_home.Path, Repo.Fixture("fake-bun"), ProcessRunner.System);

    [Fact(Timeout = 30_000)]
    public async Task Resolve_References_ReplacesThemWithSecretsInOrder()
    {
        InstallSkill("CREDENTIALS_PASSWORD=\"hunter2\"\n");
        var env = Map(("A", "1"), ("OPENROUTER_API_KEY_CREDENTIAL", "lumen-key"), ("B", "2"));

        var resolved = await Resolver.ResolveAsync(env, CancellationToken.None);

        Assert.Equal(["A", "B", "OPENROUTER_API_KEY"], resolved.Keys);
        Assert.Equal("secret-of-lumen-key", resolved["OPENROUTER_API_KEY"]);
        Assert.True(env.ContainsKey("OPENROUTER_API_KEY_CREDENTIAL"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Resolve_NoReferences_ReturnsMapUnchangedWithoutChecks()
    {
        var env = Map(("A", "1"));
        Assert.Same(env, await Resolver.ResolveAsync(env, CancellationToken.None));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(null, "X_CREDENTIAL", "id", "credentials skill missing at")]
    [InlineData("", "X_CREDENTIAL", "id", "cannot resolve *_CREDENTIAL refs: ")]
    [InlineData("OTHER=1\n", "X_CREDENTIAL", "id", "CREDENTIALS_PASSWORD missing in")]
    [InlineData("CREDENTIALS_PASSWORD=hunter2", "X_CREDENTIAL", "", "X_CREDENTIAL is empty; expected a credential id")]
    [InlineData("CREDENTIALS_PASSWORD=hunter2", "X_CREDENTIAL", "missing", "credential fetch failed for \"missing\": credential not found: missing")]
    [InlineData("CREDENTIALS_PASSWORD=wrong", "X_CREDENTIAL", "id", "credential fetch failed for \"id\": wrong password")]
    [InlineData("CREDENTIALS_PASSWORD=hunter2", "X_CREDENTIAL", "garbage", "credential fetch returned non-JSON for \"garbage\"")]
    [InlineData("CREDENTIALS_PASSWORD=hunter2", "X_CREDENTIAL", "empty", "credential \"empty\" has no value")]
    public async Task Resolve_BrokenSetup_ThrowsConfigurationErrorWithSpecMessage(string? dotEnv, string key, string id, string expected)
    {
        if (dotEnv is not null)
        {
            InstallSkill(dotEnv);
            if (dotEnv.Length == 0)
            {
                File.Delete(_home.Combine(".env"));
            }
        }

        var error = await Assert.ThrowsAsync<AdapterConfigurationException>(() => Resolver.ResolveAsync(Map((key, id)), CancellationToken.None));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Resolve_BunMissing_SaysWhichVariableToSet()
    {
        InstallSkill("CREDENTIALS_PASSWORD=hunter2");
        var resolver = new CredentialResolver(_home.Path, _home.Combine("no-bun"), ProcessRunner.System);
        var error = await Assert.ThrowsAsync<AdapterConfigurationException>(() => resolver.ResolveAsync(Map(("X_CREDENTIAL", "id")), CancellationToken.None));
        Assert.Contains("AGENT_RUNTIME_BUN", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Dispose();

    private void InstallSkill(string dotEnv)
    {
        _home.Write(".claude/skills/skills-repo/credentials/credentials.ts", "// fake skill");
        _home.Write(".env", dotEnv);
    }

    private static OrderedDictionary<string, string> Map(params (string Key, string Value)[] entries)
    {
        var map = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }
}
