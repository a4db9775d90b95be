using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class InputArtifactVerifierTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private IReadOnlyList<string> Verify(string payload) =>
        InputArtifactVerifier.Verify((JsonObject)JsonNode.Parse(payload)!, _dir.Path);

    [Fact]
    public void Verify_PlanPhase_IgnoresArtifacts() =>
        Assert.Empty(Verify("""{"phase":"plan","proposal_artifact":"plans/missing-plan.md"}"""));

    [Fact]
    public void Verify_ExecuteWithMissingPlan_ReportsRawValue() =>
        Assert.Equal(["proposal artifact missing from disk: state/artifacts/plans/x-plan.md"], Verify("""{"phase":"execute","proposal_artifact":"state/artifacts/plans/x-plan.md"}"""));

    [Fact]
    public void Verify_ExecuteWithCleanPlan_Passes()
    {
        _dir.Write("plans/x-plan.md", "# Plan: ship it\n\n- Kind: goal-plan\n\"phase\": \"plan\"\n");
        Assert.Empty(Verify("""{"phase":"execute","proposal_artifact":"plans/x-plan.md","implementation_artifact":"reports/missing.md"}"""));
    }

    [Fact]
    public void Verify_PollutedPlan_ListsEveryPlanIssueInOrder()
    {
        _dir.Write("plans/x-plan.md", "\r\n  \r\n  # Verification Report  \r\n- Kind: goal-verify-plan\n- kind:   GOAL-EXECUTE\n\"phase\" : \"Verify-Execute\"\n\"phase\":\"execute\"\n**Status: Blocked**\n");
        Assert.Equal(
            ["proposal artifact polluted (plans/x-plan.md): heading indicates verification content (# Verification Report); artifact metadata identifies a goal verification task; artifact metadata identifies a goal execute task; artifact payload phase is verification, not plan; artifact payload phase is execute, not plan; artifact body contains blocker/escalation narrative instead of a clean plan"],
            Verify("""{"phase":"verify","proposal_artifact":"deploy/lumen/state/artifacts/plans/x-plan.md"}"""));
    }

    [Theory]
    [InlineData("#verify it", "heading indicates verification content (#verify it)")]
    [InlineData("# Execute step 1", "heading indicates execution content (# Execute step 1)")]
    [InlineData("Plan\n\nPermission Elevation Required", "artifact body contains blocker/escalation narrative instead of a clean plan")]
    [InlineData("Plan\ngrant elevated sandbox please", "artifact body contains blocker/escalation narrative instead of a clean plan")]
    public void Verify_PlanHeadingsAndNarrative_AreDetected(string content, string issue)
    {
        _dir.Write("plans/p-plan.md", content);
        Assert.Equal([$"proposal artifact polluted (plans/p-plan.md): {issue}"], Verify("""{"phase":"execute","proposal_artifact":"plans/p-plan.md"}"""));
    }

    [Theory]
    [InlineData("# Verifying the plan")]
    [InlineData("# Executed steps")]
    [InlineData("# Plan\n- Kind: goal-executed")]
    [InlineData("Plan\n" + "\"phase\": \"plan\"")]
    public void Verify_NearMisses_AreClean(string content)
    {
        _dir.Write("plans/p-plan.md", content);
        Assert.Empty(Verify("""{"phase":"execute","proposal_artifact":"plans/p-plan.md"}"""));
    }

    [Fact]
    public void Verify_PollutionBeyond4000Chars_IsIgnored()
    {
        _dir.Write("plans/p-plan.md", "# Plan\n" + new string('x', 4000) + "\n**status: blocked**");
        Assert.Empty(Verify("""{"phase":"execute","proposal_artifact":"plans/p-plan.md"}"""));
    }

    [Fact]
    public void Verify_VerifyPhase_ChecksImplementationArtifact()
    {
        _dir.Write("plans/p-plan.md", "# Plan");
        _dir.Write("reports/p-execute-1.md", "# Verify results\n{\"kind\": \"goal-verify-execute\", \"phase\": \"verify-plan\"}\n# Execute");
        Assert.Equal(
            ["implementation artifact polluted (reports/p-execute-1.md): heading indicates verification content (# Verify results); artifact metadata identifies a goal verification task; artifact payload phase is verification, not execute"],
            Verify("""{"phase":"verify","proposal_artifact":"plans/p-plan.md","implementation_artifact":"state/artifacts/reports/p-execute-1.md"}"""));
    }

    [Fact]
    public void Verify_VerifyPhase_ReportsBothMissing() =>
        Assert.Equal(
            ["proposal artifact missing from disk: plans/a-plan.md", "implementation artifact missing from disk: reports/a-execute-1.md"],
            Verify("""{"phase":"verify","proposal_artifact":"plans/a-plan.md","implementation_artifact":"reports/a-execute-1.md"}"""));

    [Fact]
    public void Verify_ExecutePhase_DoesNotCheckImplementation()
    {
        _dir.Write("plans/p-plan.md", "# Plan");
        Assert.Empty(Verify("""{"phase":"execute","proposal_artifact":"plans/p-plan.md","implementation_artifact":"reports/none.md"}"""));
    }
}
