using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class OutcomeVerifierTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string ArtifactDir => _dir.Combine("artifacts");

    private string Cwd => _dir.Combine("repo");

    public OutcomeVerifierTests()
    {
        Directory.CreateDirectory(ArtifactDir);
        Directory.CreateDirectory(Cwd);
    }

    public void Dispose() => _dir.Dispose();

    private IReadOnlyList<string> Verify(CanonicalOutcome outcome, string payload = "{}") =>
        OutcomeVerifier.Verify(outcome, (JsonObject)JsonNode.Parse(payload)!, ArtifactDir, Cwd);

    [Fact]
    public void Verify_NonCompletedOutcome_AlwaysPasses() =>
        Assert.Empty(Verify(DispatchFixtures.Blocked("sandbox blocked Task kind:") with { MachineStatus = "failed" }, """{"output_path":"missing.md"}"""));

    [Fact]
    public void Verify_CleanCompletedOutcome_Passes() => Assert.Empty(Verify(DispatchFixtures.Completed()));

    [Theory]
    [InlineData("Respond in JSON with keys: status")]
    [InlineData("{\"task\":\"explain_changes\"}")]
    [InlineData("Task kind: github-story")]
    [InlineData("Task payload:\n{}")]
    public void Verify_PromptEchoInRawOutput_IsReportedFirst(string raw)
    {
        var issues = Verify(DispatchFixtures.Completed(raw: raw));
        Assert.Equal(["model returned prompt/context echo instead of a task result"], issues);
    }

    [Fact]
    public void Verify_NonOkMachineStatus_IsReported() =>
        Assert.Equal(["completed outcome reported non-ok machine_status: needs_retry"], Verify(DispatchFixtures.Completed() with { MachineStatus = "needs_retry" }));

    [Fact]
    public void Verify_BlockedLanguage_IsReported() =>
        Assert.Equal(["completed outcome text indicates execution was blocked"], Verify(DispatchFixtures.Completed(summary: "Done without sandbox access")));

    [Fact]
    public void Verify_ChecksRunInOrder()
    {
        var outcome = DispatchFixtures.Completed(summary: "Task kind: x; environmental blocker") with { MachineStatus = "failed" };
        Assert.Equal(
            [
                "model returned prompt/context echo instead of a task result",
                "completed outcome reported non-ok machine_status: failed",
                "completed outcome text indicates execution was blocked",
                "declared artifact missing: reports/r.md",
                "task declared artifacts but outcome recorded no artifact paths",
            ],
            Verify(outcome, """{"output_path":"reports/r.md"}"""));
    }

    [Fact]
    public void Verify_DeclaredArtifacts_MissingAndDirectoryAreReported_DeduplicatedRaw()
    {
        Directory.CreateDirectory(Path.Combine(ArtifactDir, "plans", "dir.md"));
        _dir.Write("artifacts/reports/ok.md", "ok");
        var payload = """
            {"output_path":"state/artifacts/reports/ok.md","checklist_path":"  ","proposal_artifact":"plans/dir.md",
             "implementation_artifact":"reports/missing.md","verification_artifact":5,
             "required_artifacts":["reports/missing.md","plans/dir.md","reports/other.md",7]}
            """;
        var issues = Verify(DispatchFixtures.Completed(artifactPaths: ["reports/ok.md"]), payload);
        Assert.Equal(
            ["declared artifact missing: plans/dir.md", "declared artifact missing: reports/missing.md", "declared artifact missing: reports/other.md"],
            issues);
    }

    [Fact]
    public void Verify_DeclaredArtifactAlsoInWorkingDirectory_IsReported()
    {
        _dir.Write("artifacts/reports/r.md", "managed");
        _dir.Write("repo/reports/r.md", "stray copy");
        Assert.Equal(
            ["declared artifact also exists outside managed artifact root: reports/r.md"],
            Verify(DispatchFixtures.Completed(artifactPaths: ["reports/r.md"]), """{"required_artifacts":["reports/r.md"]}"""));
    }

    [Fact]
    public void Verify_DeclaredButNoArtifactPaths_IsReported()
    {
        _dir.Write("artifacts/reports/r.md", "managed");
        Assert.Equal(
            ["task declared artifacts but outcome recorded no artifact paths"],
            Verify(DispatchFixtures.Completed(), """{"output_path":"reports/r.md"}"""));
    }

    [Fact]
    public void Verify_ArtifactPaths_MustBeManagedRegularFiles()
    {
        var inside = _dir.Write("artifacts/reports/in.md", "x");
        var outside = _dir.Write("repo/src/x.ts", "x");
        Directory.CreateDirectory(Path.Combine(ArtifactDir, "somedir"));
        var issues = Verify(DispatchFixtures.Completed(artifactPaths: [inside, "reports/in.md", outside, "somedir", "reports/nope.md", "  "]));
        Assert.Equal(
            [
                $"outcome artifact path is not a managed on-disk artifact: {outside}",
                "outcome artifact path is not a managed on-disk artifact: somedir",
                "outcome artifact path is not a managed on-disk artifact: reports/nope.md",
                "outcome artifact path is not a managed on-disk artifact:   ",
            ],
            issues);
    }

    [Fact]
    public void Verify_FileChanges_ParsesLabelsAndDescriptions()
    {
        _dir.Write("artifacts/reports/a.md", "x");
        var absoluteOutside = _dir.Write("repo/src/b.ts", "x");
        var changes = new[]
        {
            "created: reports/a.md - the report",
            $"Modified:   {absoluteOutside} - edited",
            "created",
            "README.md - no slash, ignored",
            "src/missing.ts",
            $"deleted: {_dir.Combine("repo", "gone.ts")}",
            "updated: docs\\win.md\t-\tbackslash counts",
        };
        Assert.Equal(
            [
                "claimed file change missing from filesystem: src/missing.ts",
                $"claimed file change missing from filesystem: {_dir.Combine("repo", "gone.ts")}",
                "claimed file change missing from filesystem: docs\\win.md",
            ],
            Verify(DispatchFixtures.Completed(fileChanges: changes)));
    }

    [Theory]
    [InlineData("created: reports/a.md - the report", "reports/a.md")]
    [InlineData("  MODIFIED:reports/a.md", "reports/a.md")]
    [InlineData("reports/a-b.md - x - y", "reports/a-b.md")]
    [InlineData("created", null)]
    [InlineData("deleted: file.txt", null)]
    public void ClaimedPath_ExtractsThePath(string entry, string? expected) =>
        Assert.Equal(expected, OutcomeVerifier.ClaimedPath(entry));
}
