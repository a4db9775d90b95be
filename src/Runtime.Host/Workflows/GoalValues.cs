using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using static AgentRuntime.Host.Workflows.JsValues;

namespace AgentRuntime.Host.Workflows;

/// <summary>
/// The goal-loop's derived values (spec §7.4), computed once per action. The base name is derived
/// once, so a plan task's <c>proposal_artifact</c> and <c>required_artifacts[0]</c> can no longer
/// differ by a millisecond (spec B16).
/// </summary>
internal sealed class GoalValues
{
    private readonly JsonObject _ctx;

    public GoalValues(JsonObject ctx, DateTimeOffset now)
    {
        _ctx = ctx;
        Iteration = PositiveNumber(ctx["execution_iteration"]) ?? 1;
        Summary = Coalesce(ctx, "summary", "workflow goal");
        var baseName = Truthy(ctx["base_name"]) ? Text(ctx["base_name"]) : null;
        baseName ??= GoalLoopTemplate.BaseFromPlan(String(ctx["plan_artifact"]));
        baseName ??= $"{IsoTime.ToIso(now).Replace(':', '-')}-{Slug.Make(Text(Coalesce(ctx, "summary", "workflow-goal")), "workflow-goal")}";
        BaseName = baseName;
        PlanPath = Coalesce(ctx, "plan_artifact", $"plans/{BaseName}-plan.md")!;
        ExecutePath = $"reports/{BaseName}-execute-{JsJson.FormatNumber(Iteration)}.md";
        VerifyPath = $"reports/{BaseName}-verify-{JsJson.FormatNumber(Iteration)}.md";
    }

    public double Iteration { get; }

    public JsonNode? Summary { get; }

    public string BaseName { get; }

    public JsonNode PlanPath { get; }

    public string ExecutePath { get; }

    public string VerifyPath { get; }

    /// <summary>The payload's leading keys: <c>objective, summary, scope, phase</c>.</summary>
    public JsonObject Common(string phase) => new()
    {
        ["objective"] = Coalesce(_ctx, "objective", Coalesce(_ctx, "summary", "workflow goal")),
        ["summary"] = Summary?.DeepClone(),
        ["scope"] = Coalesce(_ctx, "scope", new JsonArray()),
        ["phase"] = phase,
    };

    public JsonObject Task(string kind, string subject, string description, JsonObject payload) =>
        CommunityResearchTemplate.Task(kind, 7, subject, description, payload, String(_ctx["requested_profile"]) ?? "proving-codex");
}
