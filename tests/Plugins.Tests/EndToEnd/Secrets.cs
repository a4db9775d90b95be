using System.Text.Json.Nodes;

namespace AgentRuntime.Plugins.Tests.EndToEnd;

/// <summary>Secret-looking adapter env values that must never reach <c>invocation.json</c> (spec §6.1).</summary>
internal static class Secrets
{
    public static readonly string OpenAi = $"sk-e2e-openai-{Guid.NewGuid():N}";

    public static readonly string Anthropic = $"sk-ant-e2e-{Guid.NewGuid():N}";

    public static readonly string GitHub = $"ghp_e2e{Guid.NewGuid():N}";

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["OPENAI_API_KEY"] = OpenAi, ["ANTHROPIC_API_KEY"] = Anthropic, ["GITHUB_TOKEN"] = GitHub,
    };

    public static JsonObject AddTo(JsonObject env)
    {
        foreach (var (name, value) in All)
        {
            env[name] = value;
        }

        return env;
    }

    /// <summary>Each secret is recorded by name as <c>[redacted]</c>; its value appears nowhere in the file.</summary>
    public static void AssertRedacted(string invocationPath)
    {
        var text = File.ReadAllText(invocationPath);
        var env = JsonNode.Parse(text)!["env"]!.AsObject();
        foreach (var (name, value) in All)
        {
            Assert.Equal("[redacted]", env[name]?.GetValue<string>());
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }
    }

    /// <summary>No secret value in any file under <paramref name="stateDir"/> (logs, database, audit files, bundles): masked as <c>***</c> wherever it was written.</summary>
    public static void AssertNowhere(string stateDir)
    {
        foreach (var file in Directory.EnumerateFiles(stateDir, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var value in All.Values)
            {
                Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(value)) < 0, $"{value} found in {file}");
            }
        }
    }
}
