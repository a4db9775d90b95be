using AgentRuntime.Host.Dispatch.Artifacts;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class ArtifactWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("operator", """{"output_path":"/state/artifacts/community-wiki/a.md","checklist_path":"c.md"}""", "community-wiki/a.md")]
    [InlineData("operator", """{"checklist_path":"community-wiki/c.md","proposal_artifact":"plans/p.md"}""", "community-wiki/c.md")]
    [InlineData("operator", """{"output_path":5,"checklist_path":"c.md"}""", "c.md")]
    [InlineData("goal-plan", """{"proposal_artifact":"plans/p-plan.md","implementation_artifact":"reports/e.md"}""", "plans/p-plan.md")]
    [InlineData("goal-execute", """{"proposal_artifact":"plans/p-plan.md","implementation_artifact":"reports/e.md"}""", "reports/e.md")]
    [InlineData("goal-verify", """{"proposal_artifact":"p.md","implementation_artifact":"e.md","verification_artifact":"reports/v.md"}""", "reports/v.md")]
    [InlineData("goal-verify-plan", """{"verification_artifact":"reports/v.md"}""", "reports/v.md")]
    [InlineData("goal-verify-execute", """{"verification_artifact":"reports/v.md"}""", "reports/v.md")]
    public void Targets_PrimaryRules_PickOne(string kind, string payload, string expected) =>
        Assert.Equal([expected], ArtifactWriter.Targets(DispatchFixtures.Task(kind, payload)));

    [Fact]
    public void Targets_OutputPathSanitizingToEmpty_DoesNotFallBackToChecklist() =>
        Assert.Equal(["plans/p.md"], ArtifactWriter.Targets(DispatchFixtures.Task("operator", """{"output_path":"..","checklist_path":"c.md","proposal_artifact":"plans/p.md"}""")));

    [Fact]
    public void Targets_GoalKindWithoutItsKey_FallsBackToAllPresent() =>
        Assert.Equal(
            ["plans/p.md", "reports/v.md"],
            ArtifactWriter.Targets(DispatchFixtures.Task("goal-execute", """{"proposal_artifact":"plans/p.md","implementation_artifact":"  ","verification_artifact":"reports/v.md"}""")));

    [Fact]
    public void Targets_NothingDeclared_IsEmpty() =>
        Assert.Empty(ArtifactWriter.Targets(DispatchFixtures.Task("community-research", """{"required_artifacts":["reports/r.md"]}""")));

    [Fact]
    public void Write_CompletedOutcome_WritesMarkdownWrapperAndReturnsAbsolutePaths()
    {
        var task = DispatchFixtures.Task("goal-plan", """{"objective":"o","proposal_artifact":"plans/p-plan.md"}""", subject: "Plan goal: x");
        var outcome = DispatchFixtures.Completed(summary: "Planned.", raw: "{\"status\":\"completed\"}");
        _dir.Write("plans/p-plan.md", "model wrote this");

        var written = ArtifactWriter.Write(_dir.Path, task, outcome);

        var expectedPath = _dir.Combine("plans", "p-plan.md");
        Assert.Equal([expectedPath], written);
        Assert.Equal(
            "# Plan goal: x\n\n- Task ID: 11111111-2222-4333-8444-555555555555\n- Kind: goal-plan\n- Source: operator:test\n- Updated: 2026-04-29T10:00:01.000Z\n\n"
            + "## Summary\n\nPlanned.\n\n## Payload\n\n```json\n{\n  \"objective\": \"o\",\n  \"proposal_artifact\": \"plans/p-plan.md\"\n}\n```\n\n"
            + "## Raw Output\n\n```json\n{\"status\":\"completed\"}\n```\n",
            File.ReadAllText(expectedPath));
    }

    [Fact]
    public void Write_NoSubjectEmptySummaryNoRaw_UsesPlaceholders()
    {
        var task = DispatchFixtures.Task("community-research", """{"output_path":"community-wiki/new/a.md"}""");
        var outcome = DispatchFixtures.Completed(summary: "") with { RawOutput = null };

        var written = ArtifactWriter.Write(_dir.Path, task, outcome);

        var text = File.ReadAllText(Assert.Single(written));
        Assert.StartsWith("# community-research\n", text, StringComparison.Ordinal);
        Assert.Contains("## Summary\n\nNo summary returned.\n", text, StringComparison.Ordinal);
        Assert.EndsWith("## Raw Output\n\n```json\n\n```\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NonCompletedOutcome_WritesNothing()
    {
        var task = DispatchFixtures.Task("goal-plan", """{"proposal_artifact":"plans/p-plan.md"}""");
        Assert.Empty(ArtifactWriter.Write(_dir.Path, task, DispatchFixtures.Blocked("no")));
        Assert.False(File.Exists(_dir.Combine("plans", "p-plan.md")));
    }

    [Fact]
    public void Write_SeveralTargets_WritesEach()
    {
        var task = DispatchFixtures.Task("operator", """{"proposal_artifact":"a/p.md","verification_artifact":"b/v.md"}""");
        var written = ArtifactWriter.Write(_dir.Path, task, DispatchFixtures.Completed());
        Assert.Equal([_dir.Combine("a", "p.md"), _dir.Combine("b", "v.md")], written);
        Assert.All(written, path => Assert.True(File.Exists(path)));
        Assert.Equal(OutcomeStatuses.Completed, DispatchFixtures.Completed().Status);
    }
}
