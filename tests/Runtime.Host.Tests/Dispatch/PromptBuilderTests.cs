using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Prompting;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class PromptBuilderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Build(string kind = "operator", string payload = "{}", string? profileJson = null, string? subject = null, string? description = null) =>
        PromptBuilder.Build(
            DispatchFixtures.Config(_dir.Path),
            profileJson is null ? DispatchFixtures.Profile() : DispatchFixtures.Profile(profileJson),
            DispatchFixtures.Task(kind, payload, subject, description));

    [Fact]
    public void Build_MinimalTask_HasEveryLineInOrder()
    {
        var expected = string.Join('\n',
            "You are a test runtime.",
            "",
            "Profile: tester (codex-like)",
            "Role: Test operator",
            "",
            "Profile directives:",
            "- Do what the task says.",
            "- Be brief.",
            "",
            "Task kind: operator",
            "Task source: operator:test",
            "Task priority: 5",
            "Task subject: unspecified",
            "Task description: none",
            "",
            "Skills: testing",
            "",
            "Execution rules:",
            "- Start by using Codex tools and shell commands when the task requires filesystem inspection or changes.",
            "- Do not send an in_progress update or a JSON status blob before you have executed the required commands for this run.",
            "- Do not claim commands were run, files were read, or files were created unless you actually did so in this run.",
            "- If the task requires creating or modifying a file, verify it on disk with a follow-up read/list command before reporting completed.",
            "- Your final JSON status must be completed or blocked. Do not return in_progress.",
            "- If execution is blocked or you cannot verify the file on disk, return blocked instead of describing hypothetical success.",
            "",
            "Task payload:",
            "{}",
            "",
            "Respond in JSON with keys: status, operator_summary, machine_status, file_changes, artifact_paths, follow_up_tasks, external_messages.");
        Assert.Equal(expected, Build());
    }

    [Fact]
    public void Build_SubjectAndDescription_AreShown()
    {
        var prompt = Build(subject: "Fix it", description: "Line one\nline two");
        Assert.Contains("\nTask subject: Fix it\nTask description: Line one\nline two\n", prompt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude-like", "- Start by using Claude Code tools and shell commands when the task requires filesystem inspection or changes.\n- Treat this run as trusted-VM work: do not stop to ask for permissions if the adapter was launched in bypass mode.\n")]
    [InlineData("hermes-like", "- Start by using Hermes terminal and file tools when the task requires filesystem inspection or changes.\n- Treat this run as trusted-VM work: do not stop for dangerous-command approvals if the adapter was launched with --yolo.\n")]
    public void Build_Style_SelectsItsBlock(string style, string fragment)
    {
        var prompt = Build(profileJson: $$"""{"profile_id":"p","style":"{{style}}","role":"r","system_prompt_parts":["x"],"skills":[]}""");
        Assert.Contains("\n\nExecution rules:\n" + fragment, prompt, StringComparison.Ordinal);
        Assert.Contains("- Your final JSON status must be completed or blocked. Do not return in_progress.\n\nTask payload:", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("hypothetical success", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OtherStyle_HasNoRulesBlock_AndNoSkillsSaysNone()
    {
        var prompt = Build(profileJson: """{"profile_id":"email-handler","style":"quarantine","role":"r","system_prompt_parts":["x"],"skills":[]}""");
        Assert.DoesNotContain("Execution rules:", prompt, StringComparison.Ordinal);
        Assert.Contains("\nProfile: email-handler (quarantine)\n", prompt, StringComparison.Ordinal);
        Assert.Contains("\nSkills: none\n\nTask payload:\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MissingProfileFields_PrintLikeJavaScriptTemplates()
    {
        var prompt = Build(profileJson: """{"profile_id":"p","role":null,"system_prompt_parts":[],"skills":[]}""");
        Assert.Contains("\nProfile: p (undefined)\nRole: null\n\nProfile directives:\n\nTask kind:", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PhaseSkills_MergeAfterProfileSkills_Deduplicated()
    {
        var prompt = Build(payload: """{"phase_skills":["planning","testing"," ",3,"planning","review"]}""");
        Assert.Contains("\nSkills: testing, planning, review\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_GithubStory_HasSummaryOnlyRules_EvenWithDeclaredArtifacts()
    {
        var prompt = Build("github-story", """{"required_artifacts":["reports/x.md"]}""");
        Assert.Contains("\nTask-specific output rules:\n- This is summary-only work. Do not create files for this task.\n", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("declares managed artifacts", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DiscordReply_HasReplyOnlyRules()
    {
        var prompt = Build("discord-reply");
        Assert.Contains("\nTask-specific output rules:\n- This is reply-only work. Do not invent repository edits, changelog files, or managed artifacts for this task.\n- Draft the reply in `operator_summary` unless the task explicitly asks for another channel-specific format.\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DeclaredArtifacts_ListsSanitizedDeduplicatedPaths()
    {
        var payload = """{"proposal_artifact":"/state/artifacts/plans/p-plan.md","required_artifacts":["plans/p-plan.md","reports/../r.md",""],"artifact_paths":["other/a.md"],"output_path":"o.md"}""";
        var prompt = Build(payload: payload);
        Assert.Contains(
            "\n\nTask-specific output rules:\n- This task declares managed artifacts. If you create or verify them on disk in this run, include their relative managed paths in `artifact_paths`.\n"
            + "- Expected managed artifact paths for this task: plans/p-plan.md, reports//r.md.\n"
            + "- Use runtime-managed relative paths like `campaigns/...` or `reports/...`, not absolute filesystem paths, in `artifact_paths`.\n\nTask payload:",
            prompt,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OnlyArtifactPaths_HasNoTaskBlock() =>
        Assert.DoesNotContain("Task-specific output rules:", Build(payload: """{"artifact_paths":["a/b.md"]}"""), StringComparison.Ordinal);

    [Fact]
    public void Build_PlanPhase_HasWorkflowContextOnly()
    {
        var prompt = Build("goal-plan", """{"phase":"plan","scope":["src"," ",1,"docs"],"proposal_artifact":"plans/g-plan.md"}""");
        Assert.Contains(
            $"\n\nWorkflow context:\n- Phase: plan\n- Objective: workflow goal\n- Scope: src, docs\n- Artifact root on disk: {_dir.Path}\n\nTask payload:\n",
            prompt,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ExecutePhase_ReferencesPlanAndLatestExistingVerification()
    {
        _dir.Write("reports/g-verify-1.md", "v1");
        _dir.Write("reports/g-verify-3.md", "v3 is the current iteration, not a prior one");
        var prompt = Build("goal-execute", """{"phase":"execute","objective":"Ship","iteration":3.7,"proposal_artifact":"state/artifacts/plans/g-plan.md"}""");
        Assert.Contains(
            $"- Scope: none declared\n- Artifact root on disk: {_dir.Path}\n\n"
            + "Execution guidance:\n- Read the approved plan directly from disk during this run.\n"
            + "- Artifact paths like plans/... and reports/... are relative to the artifact root above, not the repo root.\n"
            + "- Do not treat prior artifact summaries as proof. Use direct file reads and command output.\n\n"
            + $"Approved plan artifact: plans/g-plan.md\n- On disk: {_dir.Path}/plans/g-plan.md\n\n"
            + $"Latest verification artifact: reports/g-verify-1.md\n- On disk: {_dir.Path}/reports/g-verify-1.md\n\nTask payload:\n",
            prompt,
            StringComparison.Ordinal);
        Assert.Contains("\n- Objective: Ship\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ExecutePhaseFirstIteration_HasNoVerificationSection()
    {
        _dir.Write("reports/g-verify-1.md", "v1");
        var prompt = Build("goal-execute", """{"phase":"execute","proposal_artifact":"plans/g-plan.md"}""");
        Assert.DoesNotContain("Latest verification artifact", prompt, StringComparison.Ordinal);
        Assert.Contains("Approved plan artifact: plans/g-plan.md\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_VerifyPhase_HasThreeReferences()
    {
        _dir.Write("reports/g-verify-1.md", "v1");
        var prompt = Build("goal-verify", """{"phase":"verify","iteration":2,"proposal_artifact":"plans/g-plan.md","implementation_artifact":"reports/g-execute-2.md"}""");
        Assert.Contains(
            "Verification guidance:\n- Use current-run shell commands, adapter audit bundles, and direct file reads as the source of truth.\n"
            + "- Treat prior artifact summaries as historical context only.\n"
            + "- Artifact paths like plans/... and reports/... are relative to the artifact root above, not the repo root.\n"
            + "- If current-run evidence contradicts an older artifact summary, trust the current-run evidence and explain the contradiction.\n\n"
            + $"Approved plan artifact: plans/g-plan.md\n- On disk: {_dir.Path}/plans/g-plan.md\n\n"
            + $"Latest execute artifact: reports/g-execute-2.md\n- On disk: {_dir.Path}/reports/g-execute-2.md\n\n"
            + $"Latest verification artifact: reports/g-verify-1.md\n- On disk: {_dir.Path}/reports/g-verify-1.md\n\nTask payload:",
            prompt,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ReferenceSanitizingToEmpty_KeepsTitleWithoutDiskLine()
    {
        var prompt = Build("goal-verify", """{"phase":"verify","proposal_artifact":"..","implementation_artifact":"x-plan.md"}""");
        Assert.Contains("\n\nApproved plan artifact: \n\nLatest execute artifact: x-plan.md\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OtherOrBlankPhase_AddsOnlyContextOrNothing()
    {
        Assert.Contains("\n- Phase: review\n", Build(payload: """{"phase":"review"}"""), StringComparison.Ordinal);
        Assert.DoesNotContain("Workflow context:", Build(payload: """{"phase":"  "}"""), StringComparison.Ordinal);
        Assert.DoesNotContain("Workflow context:", Build(payload: """{"phase":5}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", null)]
    [InlineData("plans/2026-goal-plan.md", "2026-goal")]
    [InlineData("plans/-plan.md", null)]
    [InlineData("plans/x-plan.mdx", null)]
    public void BaseName_StripsPlanSuffix(string proposal, string? expected) =>
        Assert.Equal(expected, GoalLoopSection.BaseName(proposal));

    [Fact]
    public void PayloadBlock_Over4000_KeepsFirst3984AndMarker()
    {
        var payload = new JsonObject { ["text"] = new string('a', 5000) };
        var block = PromptBuilder.PayloadBlock(payload);
        Assert.Equal(3984 + "\n[truncated]\n".Length, block.Length);
        Assert.StartsWith("{\n  \"text\": \"aaa", block, StringComparison.Ordinal);
        Assert.EndsWith("a\n[truncated]\n", block, StringComparison.Ordinal);
    }

    [Fact]
    public void PayloadBlock_Exactly4000_IsKept()
    {
        // {\n  "t": "<x>"\n} is 13 characters around the value.
        var payload = new JsonObject { ["t"] = new string('a', 4000 - 13) };
        var block = PromptBuilder.PayloadBlock(payload);
        Assert.Equal(4000, block.Length);
        Assert.EndsWith("\"\n}", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TruncatedPayload_IsFollowedByEmptyLineAndClosing()
    {
        var prompt = Build(payload: $$"""{"text":"{{new string('b', 5000)}}"}""");
        Assert.EndsWith("b\n[truncated]\n\n\nRespond in JSON with keys: status, operator_summary, machine_status, file_changes, artifact_paths, follow_up_tasks, external_messages.", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MaxPromptChars_CutsInUtf16UnitsWithoutMarker()
    {
        var profile = """{"profile_id":"p","style":"x","role":"r","system_prompt_parts":[],"skills":[],"context_policy":{"max_prompt_chars":30}}""";
        var prompt = PromptBuilder.Build(DispatchFixtures.Config(_dir.Path, "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"), DispatchFixtures.Profile(profile), DispatchFixtures.Task());
        Assert.Equal(30, prompt.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 15)), prompt);
    }

    [Fact]
    public void Build_NoMaxPromptChars_DoesNotCut()
    {
        var profile = """{"profile_id":"p","style":"x","role":"r","system_prompt_parts":[],"skills":[]}""";
        var prompt = PromptBuilder.Build(DispatchFixtures.Config(_dir.Path, new string('p', 20000)), DispatchFixtures.Profile(profile), DispatchFixtures.Task());
        Assert.EndsWith("external_messages.", prompt, StringComparison.Ordinal);
        Assert.True(prompt.Length > 20000);
    }
}
