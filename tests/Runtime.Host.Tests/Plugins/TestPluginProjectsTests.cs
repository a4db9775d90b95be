using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Plugins;

/// <summary>
/// The test plugins are built by the solution build and reach the host only by being dropped into
/// a plugins directory: a plugin the host referenced would make the drop-a-DLL tests prove nothing.
/// </summary>
public sealed class TestPluginProjectsTests
{
    public static TheoryData<string> Projects() =>
        [.. Directory.GetDirectories(Repo.Path_("tests", "Plugins")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Solution_TestPluginProject_IsListed(string project)
    {
        var solution = File.ReadAllText(Repo.Path_("AgentRuntime.sln"));

        Assert.Contains($@"""tests\Plugins\{project}\{project}.csproj""", solution, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void HostBuildOutput_TestPlugin_IsAbsent(string project)
    {
        Assert.Empty(Directory.GetFiles(Repo.HostDirectory, project + ".dll", SearchOption.AllDirectories));
    }
}
