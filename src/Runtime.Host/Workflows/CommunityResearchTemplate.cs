using System.Text.Json.Nodes;
using static AgentRuntime.Host.Workflows.JsValues;
using static AgentRuntime.Host.Workflows.WorkflowStateDefinition;

namespace AgentRuntime.Host.Workflows;

/// <summary>The <c>community-research</c> template (spec §7.4): profile <c>lumen</c> throughout.</summary>
internal static class CommunityResearchTemplate
{
    public static WorkflowTemplate Create() => new()
    {
        Name = "community-research",
        InitialState = "discover-aibtc-basics",
        States =
        [
            new()
            {
                Name = "discover-aibtc-basics",
                On = [Edge("basics_researched", "draft-community-wiki-outline")],
                Auto = new Dictionary<string, string> { ["community-research"] = "basics_researched" },
                Action = (ctx, _) => Task(
                    "community-research",
                    6,
                    $"Research AIBTC basics for {OrText(ctx, "topic", "community wiki")}",
                    "Use the provided docs to extract the key platform, messaging, registration, and news concepts that a new community member needs to understand.",
                    new JsonObject
                    {
                        ["topic"] = Coalesce(ctx, "topic", "AIBTC community onboarding"),
                        ["focus"] = Coalesce(ctx, "current_focus", "platform-basics"),
                        ["output_path"] = Coalesce(ctx, "output_path", "community-wiki/aibtc-basics.md"),
                        ["sources"] = Strings("docs/aibtc-platform.md", "docs/aibtc-news.md"),
                        ["operator_goal"] = "Produce a concise research summary Lumen can reuse for community explanations.",
                    }),
            },
            new()
            {
                Name = "draft-community-wiki-outline",
                On = [Edge("outline_complete", "research-wallet-onboarding")],
                Auto = new Dictionary<string, string> { ["community-wiki-outline"] = "outline_complete" },
                Action = (ctx, _) => Task(
                    "community-wiki-outline",
                    5,
                    "Draft the first community wiki outline",
                    "Turn the AIBTC research into a community-wiki outline with sections, priorities, and gaps.",
                    new JsonObject
                    {
                        ["topic"] = Coalesce(ctx, "topic", "AIBTC community wiki"),
                        ["focus"] = "wiki-outline",
                        ["output_path"] = OutlinePath(ctx),
                        ["operator_goal"] = "Produce a useful outline that can later be turned into wiki pages.",
                    }),
            },
            new()
            {
                Name = "research-wallet-onboarding",
                On = [Edge("wallet_research_complete", "draft-wallet-setup-guide")],
                Auto = new Dictionary<string, string> { ["wallet-onboarding-research"] = "wallet_research_complete" },
                Action = (_, _) => Task(
                    "wallet-onboarding-research",
                    6,
                    "Research AIBTC wallet onboarding for Lumen",
                    "Summarize the wallet creation, unlock, registration, heartbeat, and identity steps Lumen will need for AIBTC participation.",
                    new JsonObject
                    {
                        ["topic"] = "Lumen wallet onboarding",
                        ["focus"] = "wallet-onboarding",
                        ["output_path"] = "community-wiki/lumen-wallet-onboarding.md",
                        ["sources"] = Strings("docs/aibtc-platform.md"),
                        ["operator_goal"] = "Produce a wallet setup research note with open questions clearly identified.",
                    }),
            },
            new()
            {
                Name = "draft-wallet-setup-guide",
                On = [Edge("guide_ready", "review-and-publish-wiki")],
                Auto = new Dictionary<string, string> { ["wallet-setup-guide"] = "guide_ready" },
                Action = (_, _) => Task(
                    "wallet-setup-guide",
                    5,
                    "Draft Lumen wallet setup guide",
                    "Draft a practical guide for creating and registering a Lumen AIBTC wallet.",
                    new JsonObject
                    {
                        ["topic"] = "Lumen wallet setup guide",
                        ["focus"] = "wallet-guide",
                        ["output_path"] = "community-wiki/lumen-wallet-setup-guide.md",
                        ["operator_goal"] = "Write a usable draft that can later become community-wiki material.",
                    }),
            },
            new()
            {
                Name = "review-and-publish-wiki",
                CompletionKinds = ["community-wiki-review"],
                Action = (_, _) => Task(
                    "community-wiki-review",
                    4,
                    "Review community wiki drafts and open publishing gaps",
                    "Summarize what is ready, what still needs evidence, and what can be published next.",
                    new JsonObject
                    {
                        ["topic"] = "Community wiki review",
                        ["focus"] = "review",
                        ["output_path"] = "community-wiki/review.md",
                        ["operator_goal"] = "Prepare the wiki work for human review and later publishing.",
                    }),
            },
        ],
    };

    /// <summary><c>ctx.outline_path</c>, else a slug path when <c>ctx.slug</c> is set, else <c>community-wiki/outline.md</c>.</summary>
    private static JsonNode? OutlinePath(JsonObject ctx)
    {
        if (Coalesce(ctx, "outline_path", null) is { } given)
        {
            return given;
        }

        return Truthy(ctx["slug"])
            ? $"community-wiki/{Slug.Make(Text(ctx["slug"]), "community-wiki")}-outline.md"
            : "community-wiki/outline.md";
    }

    internal static JsonObject Task(string kind, int priority, string subject, string description, JsonObject payload, string profile = "lumen") => new()
    {
        ["kind"] = kind,
        ["priority"] = priority,
        ["requested_profile"] = profile,
        ["subject"] = subject,
        ["description"] = description,
        ["payload"] = payload,
    };
}
