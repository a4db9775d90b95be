using System.Reflection;

namespace AgentRuntime.Plugins.Tests.TestSupport;

/// <summary>Where the repository, its fixtures and the installed test tools live.</summary>
internal static class Repo
{
    public static string Root { get; } = Path.GetFullPath(
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!);

    public static string Fixture(string name) => Path.Combine(Root, "tests", "Fixtures", name);

    /// <summary>A binary installed by <c>scripts/install-test-tools.sh</c>.</summary>
    public static string Tool(string name) => Path.Combine(Root, ".tools", "node_modules", ".bin", name);
}
