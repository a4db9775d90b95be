using System.Text.Json.Nodes;
using static AgentRuntime.Host.Workflows.JsValues;
using static AgentRuntime.Host.Workflows.WorkflowStateDefinition;

namespace AgentRuntime.Host.Workflows;

/// <summary>The <c>wallet-onboarding</c> template (spec §7.4): profile <c>lumen</c>.</summary>
internal static class WalletOnboardingTemplate
{
    private const string DefaultChecklist = "community-wiki/lumen-wallet-checklist.md";

    public static WorkflowTemplate Create() => new()
    {
        Name = "wallet-onboarding",
        InitialState = "research-registration-flow",
        States =
        [
            new()
            {
                Name = "research-registration-flow",
                On = [Edge("registration_researched", "draft-wallet-checklist")],
                Auto = new Dictionary<string, string> { ["wallet-registration-research"] = "registration_researched" },
                Action = (ctx, _) => CommunityResearchTemplate.Task(
                    "wallet-registration-research",
                    6,
                    $"Research AIBTC registration flow for {OrText(ctx, "agent_name", "agent")}",
                    "Document the wallet, registration, heartbeat, and inbox prerequisites for AIBTC participation.",
                    new JsonObject
                    {
                        ["agent_name"] = Coalesce(ctx, "agent_name", "Lumen"),
                        ["checklist_path"] = Coalesce(ctx, "checklist_path", DefaultChecklist),
                        ["sources"] = Strings("docs/aibtc-platform.md"),
                        ["operator_goal"] = "Produce a grounded checklist, not speculative guidance.",
                    }),
            },
            new()
            {
                Name = "draft-wallet-checklist",
                CompletionKinds = ["wallet-checklist-draft"],
                Action = (ctx, _) => CommunityResearchTemplate.Task(
                    "wallet-checklist-draft",
                    5,
                    $"Draft AIBTC wallet checklist for {OrText(ctx, "agent_name", "agent")}",
                    "Convert the registration research into a short operational checklist with unresolved blockers called out.",
                    new JsonObject
                    {
                        ["agent_name"] = Coalesce(ctx, "agent_name", "Lumen"),
                        ["checklist_path"] = Coalesce(ctx, "checklist_path", DefaultChecklist),
                        ["operator_goal"] = "Prepare a checklist that can be used during wallet setup.",
                    }),
            },
        ],
    };
}
