using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Sdk;
using PublicApiGenerator;

namespace AgentRuntime.Host.Tests.Sdk;

/// <summary>
/// Tracks the SDK's public surface (as PublicApiGenerator prints it): any change shows as a text
/// diff against <c>PublicApi/Runtime.Sdk.approved.txt</c>. After an intended change, copy the
/// <c>.received.txt</c> file written next to it over the approved one (and bump
/// <see cref="SdkContract.Major"/> for breaking changes).
/// </summary>
public sealed class SdkPublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedSurface()
    {
        var approvedPath = Repo.Path_("tests", "Runtime.Host.Tests", "PublicApi", "Runtime.Sdk.approved.txt");
        // Assembly attributes carry build details (version, target framework), not the contract.
        var actual = typeof(IAdapter).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n") + "\n";
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : "";
        if (actual != approved)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt", actual);
        }

        Assert.Equal(approved, actual);
    }

    [Fact]
    public void Sdk_DependsOnTheBaseClassLibraryOnly()
    {
        var references = typeof(IAdapter).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), $"unexpected SDK dependency {name}"));
    }

    [Fact]
    public void SdkAssemblyVersion_MatchesContractVersion()
    {
        var version = typeof(IAdapter).Assembly.GetName().Version!;
        Assert.Equal(SdkContract.Major, version.Major);
        Assert.Equal(SdkContract.Minor, version.Minor);
    }
}
