using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using static AgentRuntime.Host.Workflows.JsValues;
using static AgentRuntime.Host.Workflows.WorkflowStateDefinition;

namespace AgentRuntime.Host.Workflows;

/// <summary>
/// The <c>goal-loop</c> template (spec §7.4): plan → execute → verify, looping on
/// <c>continue</c>/<c>revise_plan</c>, priority 7, profile <c>ctx.requested_profile ?? "proving-codex"</c>.
/// </summary>
internal static class GoalLoopTemplate
{
    public const string Name = "goal-loop";

    public static WorkflowTemplate Create() => new()
    {
        Name = Name,
        InitialState = "plan",
        RequeueFailedTasks = false,
        States =
        [
            new()
            {
                Name = "plan",
                On = [Edge("plan_ready", "execute")],
                Auto = new Dictionary<string, string> { ["goal-plan"] = "plan_ready" },
                Action = Plan,
            },
            new()
            {
                Name = "execute",
                On = [Edge("execute_ready", "verify")],
                Auto = new Dictionary<string, string> { ["goal-execute"] = "execute_ready" },
                Action = Execute,
            },
            new()
            {
                Name = "verify",
                On = [Edge("continue", "execute"), Edge("complete", "complete"), Edge("revise_plan", "plan")],
                Auto = new Dictionary<string, string> { ["goal-verify"] = SignalSentinel },
                Action = Verify,
            },
            new() { Name = "complete" },
        ],
    };

    /// <summary>The base name shared by an iteration's artifacts; also derived from a plan path on transition (spec §7.3).</summary>
    public static string? BaseFromPlan(string? planArtifact)
    {
        if (string.IsNullOrEmpty(planArtifact))
        {
            return null;
        }

        var file = planArtifact[(planArtifact.LastIndexOf('/') + 1)..];
        var stripped = file.EndsWith("-plan.md", StringComparison.Ordinal) ? file[..^"-plan.md".Length] : file;
        return stripped.Length > 0 ? stripped : null;
    }

    private static JsonObject Plan(JsonObject ctx, DateTimeOffset now)
    {
        var values = new GoalValues(ctx, now);
        var payload = values.Common("plan");
        payload["phase_skills"] = Coalesce(ctx, "plan_phase_skills", Strings("planning", "artifact-reporting"));
        payload["proposal_artifact"] = values.PlanPath.DeepClone();
        payload["required_artifacts"] = new JsonArray(values.PlanPath.DeepClone());
        payload["acceptance_criteria"] = Strings("Plan includes clear scope", "Plan includes acceptance criteria", "Plan includes stop condition", "Plan is suitable for iterative execution and verification");
        payload["operator_goal"] = "Produce the plan artifact for the workflow goal.";
        payload["response_contract"] = new JsonObject { ["required_workflow_signal"] = "plan_ready" };
        return values.Task("goal-plan", $"Plan goal: {Text(values.Summary)}", "Create a concrete plan with acceptance criteria, stop conditions, and bounded execution scope.", payload);
    }

    private static JsonObject Execute(JsonObject ctx, DateTimeOffset now)
    {
        var values = new GoalValues(ctx, now);
        var payload = values.Common("execute");
        payload["iteration"] = values.Iteration;
        payload["phase_skills"] = Coalesce(ctx, "execute_phase_skills", Strings("repo-edit", "verification", "artifact-reporting"));
        payload["proposal_artifact"] = values.PlanPath.DeepClone();
        payload["implementation_artifact"] = values.ExecutePath;
        payload["required_artifacts"] = Strings(values.ExecutePath);
        payload["operator_goal"] = "Execute one bounded iteration against the approved plan.";
        payload["response_contract"] = new JsonObject { ["required_workflow_signal"] = "execute_ready" };
        return values.Task("goal-execute", $"Execute goal iteration {JsJson.FormatNumber(values.Iteration)}: {Text(values.Summary)}", "Execute the next bounded chunk of the approved plan and record concrete outputs and remaining work.", payload);
    }

    private static JsonObject Verify(JsonObject ctx, DateTimeOffset now)
    {
        var values = new GoalValues(ctx, now);
        var payload = values.Common("verify");
        payload["iteration"] = values.Iteration;
        payload["phase_skills"] = Coalesce(ctx, "verify_execute_phase_skills", Strings("review", "verification", "artifact-reporting"));
        payload["proposal_artifact"] = values.PlanPath.DeepClone();
        payload["implementation_artifact"] = values.ExecutePath;
        payload["verification_artifact"] = values.VerifyPath;
        payload["required_artifacts"] = Strings(values.VerifyPath);
        payload["accepted_signals"] = Strings("continue", "complete", "revise_plan");
        payload["operator_goal"] = "Verify execution against the plan and decide the next loop transition.";
        payload["response_contract"] = new JsonObject { ["required_workflow_signal"] = "continue|complete|revise_plan" };
        return values.Task("goal-verify", $"Verify execution iteration {JsJson.FormatNumber(values.Iteration)}: {Text(values.Summary)}", "Compare the latest execution output against the plan and decide whether to continue executing, revise the plan, or complete the workflow.", payload);
    }
}
