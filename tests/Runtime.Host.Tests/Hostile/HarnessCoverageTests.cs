using System.Text.RegularExpressions;
using AgentRuntime.Host.Cli;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>The hostile-input generator covers every CLI command and every POST route: adding one without hostile cases fails here.</summary>
public sealed partial class HarnessCoverageTests
{
    [Fact]
    public void Generator_EveryCliCommand_HasHostileCases()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var root = CliApp.BuildRoot(CliEnvironment.InProcess(stdout, stderr, TimeProvider.System, Repo.Root));

        var commands = root.Subcommands.Select(c => c.Name).ToList();

        Assert.NotEmpty(commands);
        Assert.Empty(commands.Except(HostileGenerator.AllCommands));
        Assert.Empty(HostileGenerator.AllCommands.Except(commands));
    }

    [Fact]
    public void Generator_EveryPostRouteOfTheWebApi_HasHostileCases()
    {
        var mapped = Directory.EnumerateFiles(Path.Combine(Repo.Root, "src", "Runtime.Host", "Web"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => PostRoutes(File.ReadAllText(file)))
            .ToList();

        Assert.Contains("/api/tasks/queue", mapped);
        Assert.Empty(mapped.Except(HostileGenerator.PostRoutes));
        Assert.Empty(HostileGenerator.PostRoutes.Except(mapped));
    }

    /// <summary>The routes of <c>endpoints.Map("…", RouteHandlers.Methods(…))</c> calls that pass a <c>post:</c> handler.</summary>
    private static IEnumerable<string> PostRoutes(string source) =>
        MapCall().Matches(source).Where(m => m.Groups["handlers"].Value.Contains("post:", StringComparison.Ordinal)).Select(m => m.Groups["route"].Value);

    [GeneratedRegex("""endpoints\.Map\("(?<route>[^"]+)",\s*RouteHandlers\.Methods\((?<handlers>(?:(?!endpoints\.Map\().)*)""", RegexOptions.Singleline)]
    private static partial Regex MapCall();
}
