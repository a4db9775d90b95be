using System.Reflection;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>Where the repository and the built host live, for tests that run the CLI as a separate process.</summary>
internal static class Repo
{
    private static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;

    public static string Root { get; } = Path.GetFullPath(Metadata("RepoRoot"));

    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>The host's build output, where the first-party plugins are laid out under <c>plugins/</c>.</summary>
    public static string HostDirectory { get; } = Path.Combine(Root, "src", "Runtime.Host", "bin", Configuration, "net10.0");

    public static string HostDll { get; } = Path.Combine(HostDirectory, "agent-runtime.dll");

    /// <summary>The state directory the Bun runtime wrote, kept in the repository (read only: copy it before writing).</summary>
    public static string BunStateDirectory { get; } = Path.Combine(Root, "tests", "Fixtures", "bun-state");

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);
}
