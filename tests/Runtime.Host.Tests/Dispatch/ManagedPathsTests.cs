using AgentRuntime.Host.Dispatch.Artifacts;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class ManagedPathsTests
{
    [Theory]
    [InlineData("plans/a-plan.md", "plans/a-plan.md")]
    [InlineData("///plans/a.md", "plans/a.md")]
    [InlineData("state/artifacts/reports/x.md", "reports/x.md")]
    [InlineData("/state/artifacts//reports/x.md", "reports/x.md")]
    [InlineData("deploy/lumen/state/artifacts/reports/x.md", "deploy/lumen/state/artifacts/reports/x.md")]
    [InlineData("../../etc/passwd", "//etc/passwd")]
    [InlineData("reports/...md", "reports/.md")]
    [InlineData("  reports/x.md  ", "reports/x.md")]
    [InlineData(" /reports/x.md", "/reports/x.md")]
    [InlineData("..", "")]
    public void SanitizeS1_AppliesReferenceSteps_InOrder(string input, string expected) =>
        Assert.Equal(expected, ManagedPaths.SanitizeS1(input));

    [Theory]
    [InlineData("deploy/lumen/state/artifacts/reports/x.md", "reports/x.md")]
    [InlineData("/deploy/forge/state/artifacts/state/artifacts/a.md", "a.md")]
    [InlineData("deploy/a/b/state/artifacts/x.md", "deploy/a/b/state/artifacts/x.md")]
    [InlineData("state/artifacts/plans/p.md", "plans/p.md")]
    [InlineData("plans/../p.md", "plans//p.md")]
    [InlineData(" reports/v.md\t", "reports/v.md")]
    public void SanitizeS2_StripsDeployPrefixToo(string input, string expected) =>
        Assert.Equal(expected, ManagedPaths.SanitizeS2(input));

    [Fact]
    public void Resolve_RelativePath_LandsUnderArtifactRoot()
    {
        var resolved = ManagedPaths.Resolve("state/artifacts/reports//x.md", "/srv/art");
        Assert.Equal(new ManagedPath("reports//x.md", "/srv/art/reports/x.md"), resolved);
    }

    [Theory]
    [InlineData("/srv/art/plans/p.md", "plans/p.md", "/srv/art/plans/p.md")]
    [InlineData("/srv/art/./plans/../plans/p.md", "plans/p.md", "/srv/art/plans/p.md")]
    [InlineData("/srv/art/reports/", "reports", "/srv/art/reports")]
    public void Resolve_AbsoluteInsideRoot_KeepsPath(string input, string relative, string full) =>
        Assert.Equal(new ManagedPath(relative, full), ManagedPaths.Resolve(input, "/srv/art/"));

    [Theory]
    [InlineData("/srv/art")]
    [InlineData("/srv/artifacts/x.md")]
    [InlineData("/etc/passwd")]
    [InlineData("/srv/art/../x.md")]
    [InlineData("/srv/art/..hidden")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData("..")]
    [InlineData(null)]
    public void Resolve_UnmanageablePath_ReturnsNull(string? input) =>
        Assert.Null(ManagedPaths.Resolve(input, "/srv/art"));
}
