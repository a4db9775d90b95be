using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class OutcomeNormalizerTests
{
    [Fact]
    public void Normalize_PlainJson_MapsFieldsInReferenceKeyOrder()
    {
        var raw = """{"status":"completed","operator_summary":"All good","machine_status":"ok","file_changes":["a/b.ts"],"artifact_paths":["reports/x.md"],"workflow_signal":"plan_ready"}""";
        var json = OutcomeNormalizer.Normalize(raw).ToJson();
        Assert.Equal(
            """{"status":"completed","operator_summary":"All good","machine_status":"ok","file_changes":["a/b.ts"],"artifact_paths":["reports/x.md"],"follow_up_tasks":[],"external_messages":[],"workflow_signal":"plan_ready","raw_output":""" + JsJson.Serialize(JsonValue.Create(raw)) + "}",
            JsJson.Serialize(json));
    }

    [Fact]
    public void Normalize_FencedJsonWithProse_UsesFirstBlockContent()
    {
        var raw = "Here is my result:\n```JSON\n{\"status\":\"blocked\",\"operator_summary\":\"first\"}\n```\nand another\n```json\n{\"operator_summary\":\"second\"}\n```";
        var outcome = OutcomeNormalizer.Normalize(raw);
        Assert.Equal("blocked", outcome.Status);
        Assert.Equal("first", outcome.OperatorSummary);
        Assert.Equal("blocked", outcome.MachineStatus);
        Assert.Equal(raw, outcome.RawOutput);
    }

    [Fact]
    public void Normalize_FenceWithoutLanguageTag_IsParsed()
    {
        var outcome = OutcomeNormalizer.Normalize("```\n{\"operator_summary\":\"untagged\"}\n```");
        Assert.Equal("untagged", outcome.OperatorSummary);
        Assert.Equal("completed", outcome.Status);
    }

    [Fact]
    public void Normalize_FenceWithOtherLanguageTag_TakesFallbackPath()
    {
        var raw = "```ts\n{\"status\":\"blocked\",\"operator_summary\":\"x\"}\n```";
        var outcome = OutcomeNormalizer.Normalize(raw);
        Assert.Equal("completed", outcome.Status);
        Assert.Equal(raw, outcome.OperatorSummary);
        Assert.Null(outcome.WorkflowSignal);
        Assert.DoesNotContain("workflow_signal", outcome.ToJson().Select(p => p.Key));
    }

    [Fact]
    public void Normalize_UnparseableText_CompletedWithFirst4000Chars()
    {
        var raw = new string('x', 4100);
        var outcome = OutcomeNormalizer.Normalize(raw);
        Assert.Equal("completed", outcome.Status);
        Assert.Equal("ok", outcome.MachineStatus);
        Assert.Equal(4000, outcome.OperatorSummary.Length);
        Assert.Equal(raw, outcome.RawOutput);
        Assert.Equal(
            ["status", "operator_summary", "machine_status", "file_changes", "artifact_paths", "follow_up_tasks", "external_messages", "raw_output"],
            outcome.ToJson().Select(p => p.Key).ToArray());
    }

    [Fact]
    public void Normalize_UnparseableBlockedText_IsBlocked()
    {
        var outcome = OutcomeNormalizer.Normalize("  I could not run anything: Sandbox Blocked all shell commands.  ");
        Assert.Equal("blocked", outcome.Status);
        Assert.Equal("blocked", outcome.MachineStatus);
    }

    [Fact]
    public void Normalize_JsonNull_TakesFallbackPath()
    {
        var outcome = OutcomeNormalizer.Normalize("null");
        Assert.Equal("completed", outcome.Status);
        Assert.Equal("null", outcome.OperatorSummary);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"just a string\"")]
    [InlineData("[1,2,3]")]
    [InlineData("true")]
    public void Normalize_NonObjectJson_UsesDefaults(string raw)
    {
        var outcome = OutcomeNormalizer.Normalize(raw);
        Assert.Equal("completed", outcome.Status);
        Assert.Equal(raw, outcome.OperatorSummary);
        Assert.Equal("ok", outcome.MachineStatus);
        Assert.Empty(outcome.FileChanges!);
    }

    [Theory]
    [InlineData("success", "completed")]
    [InlineData("continue", "completed")]
    [InlineData("in_progress", "completed")]
    [InlineData("operator_canceled", "completed")]
    [InlineData("retryable_failure", "retryable_failure")]
    [InlineData("permanent_failure", "permanent_failure")]
    [InlineData("blocked", "blocked")]
    public void Normalize_Status_MapsUnknownToCompleted(string status, string expected) =>
        Assert.Equal(expected, OutcomeNormalizer.Normalize($$"""{"status":"{{status}}","operator_summary":"s"}""").Status);

    [Fact]
    public void Normalize_NonStringStatus_DefaultsToCompleted() =>
        Assert.Equal("completed", OutcomeNormalizer.Normalize("""{"status":3,"operator_summary":"s"}""").Status);

    [Theory]
    [InlineData("needs_retry", "needs_retry")]
    [InlineData("failed", "failed")]
    [InlineData("canceled", "ok")]
    [InlineData("OK", "ok")]
    public void Normalize_MachineStatus_KeepsOnlyKnownValues(string machine, string expected) =>
        Assert.Equal(expected, OutcomeNormalizer.Normalize($$"""{"operator_summary":"s","machine_status":"{{machine}}"}""").MachineStatus);

    [Fact]
    public void Normalize_CompletedWithBlockedMachineStatus_BecomesBlocked()
    {
        var outcome = OutcomeNormalizer.Normalize("""{"status":"completed","operator_summary":"s","machine_status":"blocked"}""");
        Assert.Equal("blocked", outcome.Status);
        Assert.Equal("blocked", outcome.MachineStatus);
    }

    [Fact]
    public void Normalize_CompletedWithBlockedLanguageInSummary_BecomesBlocked()
    {
        var outcome = OutcomeNormalizer.Normalize("""{"operator_summary":"Needs PERMISSION ESCALATION REQUIRED to write"}""");
        Assert.Equal("blocked", outcome.Status);
        Assert.Equal("blocked", outcome.MachineStatus);
    }

    [Fact]
    public void Normalize_RetryableWithBlockedLanguage_StaysRetryable()
    {
        var outcome = OutcomeNormalizer.Normalize("""{"status":"retryable_failure","operator_summary":"sandbox blocked","machine_status":"needs_retry"}""");
        Assert.Equal("retryable_failure", outcome.Status);
        Assert.Equal("needs_retry", outcome.MachineStatus);
    }

    [Fact]
    public void Normalize_CompletedWithFailedMachineStatus_KeepsFailed()
    {
        var outcome = OutcomeNormalizer.Normalize("""{"status":"completed","operator_summary":"s","machine_status":"failed"}""");
        Assert.Equal("completed", outcome.Status);
        Assert.Equal("failed", outcome.MachineStatus);
    }

    [Fact]
    public void Normalize_BlankSummary_FallsBackToRawText()
    {
        var raw = "```json\n{\"operator_summary\":\"   \"}\n```";
        Assert.Equal(raw, OutcomeNormalizer.Normalize(raw).OperatorSummary);
    }

    [Fact]
    public void Normalize_Arrays_AreFiltered()
    {
        var outcome = OutcomeNormalizer.Normalize("""
            {"operator_summary":"s",
             "file_changes":["a/b", {"path":"c/d"}, {"file":"e/f"}, {"path":1,"file":"g/h"}, {"x":1}, 5, null, "  ", {"path":"   "}],
             "artifact_paths":["reports/a.md", 3, null, {"p":1}, ""],
             "external_messages":[{"to":"x"}, [1], "text", null, 4]}
            """);
        Assert.Equal(["a/b", "c/d", "e/f", "g/h"], outcome.FileChanges);
        Assert.Equal(["reports/a.md", ""], outcome.ArtifactPaths);
        Assert.Equal("""[{"to":"x"}]""", JsJson.Serialize(outcome.ToJson()["external_messages"]));
    }

    [Fact]
    public void Normalize_NonArrayLists_BecomeEmpty()
    {
        var outcome = OutcomeNormalizer.Normalize("""{"operator_summary":"s","file_changes":"a/b","artifact_paths":{},"follow_up_tasks":1,"external_messages":"m"}""");
        Assert.Empty(outcome.FileChanges!);
        Assert.Empty(outcome.ArtifactPaths!);
        Assert.Empty(outcome.FollowUpTasks!);
        Assert.Empty(outcome.ExternalMessages!);
    }

    [Fact]
    public void Normalize_FollowUpTasks_AreRebuiltWithTypedFieldsOnly()
    {
        var outcome = OutcomeNormalizer.Normalize("""
            {"operator_summary":"s","follow_up_tasks":[
              {"extra":1,"schedule":{"delay_minutes":5,"x":1},"available_at":"2026-01-01","max_attempts":3,"requested_adapter":"a","requested_profile":"p","priority":7,"description":"d","subject":"sub","payload":{"k":1},"source":"src","kind":"k1"},
              {"kind":"k2","source":"s2","payload":{},"priority":"high","subject":5,"schedule":{"delay_minutes":"5"}},
              {"kind":"k3","source":"s3","payload":[]},
              {"kind":"k4","payload":{}},
              "nope"
            ]}
            """);
        Assert.Equal(
            """[{"kind":"k1","source":"src","payload":{"k":1},"subject":"sub","description":"d","priority":7,"requested_profile":"p","requested_adapter":"a","max_attempts":3,"available_at":"2026-01-01","schedule":{"delay_minutes":5}},{"kind":"k2","source":"s2","payload":{}}]""",
            JsJson.Serialize(outcome.ToJson()["follow_up_tasks"]));
    }

    [Fact]
    public void Normalize_DuplicateKeys_LastWinsLikeJsonParse() =>
        Assert.Equal("second", OutcomeNormalizer.Normalize("""{"operator_summary":"first","operator_summary":"second"}""").OperatorSummary);

    [Fact]
    public void Normalize_NonStringWorkflowSignal_IsOmitted() =>
        Assert.Null(OutcomeNormalizer.Normalize("""{"operator_summary":"s","workflow_signal":1}""").WorkflowSignal);

    [Fact]
    public void Normalize_EmptyFence_FallsBackToWholeText()
    {
        var outcome = OutcomeNormalizer.Normalize("``````");
        Assert.Equal("completed", outcome.Status);
        Assert.Equal("``````", outcome.OperatorSummary);
    }

    [Fact]
    public void CanonicalOutcome_ToJson_AppendsDispatchIdsAfterRawOutput()
    {
        var outcome = OutcomeNormalizer.Normalize("{}") with { AttemptId = "a", BundleId = "b", BundleHash = "h" };
        var keys = outcome.ToJson().Select(p => p.Key).ToArray();
        Assert.Equal(["raw_output", "attempt_id", "bundle_id", "bundle_hash"], keys[^4..]);
    }

    [Theory]
    [InlineData("bwrap: loopback: Failed RTM_NEWADDR: Operation not permitted", true)]
    [InlineData("the environmental blocker persisted", true)]
    [InlineData("BLOCKED_PENDING_OPERATOR_ACTION", true)]
    [InlineData("blocked by the sandbox", false)]
    [InlineData("everything worked", false)]
    [InlineData("   ", false)]
    public void BlockedLanguage_Matches_LowerCasedSubstrings(string text, bool expected) =>
        Assert.Equal(expected, BlockedLanguage.Matches(text));

    [Fact]
    public void BlockedLanguage_Substrings_AreTheTwentyOneOfAppendixA4()
    {
        Assert.Equal(21, BlockedLanguage.Substrings.Count);
        Assert.All(BlockedLanguage.Substrings, s => Assert.True(BlockedLanguage.Matches($"Prefix {s.ToUpperInvariant()} suffix")));
    }
}
