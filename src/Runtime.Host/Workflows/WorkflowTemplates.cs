namespace AgentRuntime.Host.Workflows;

/// <summary>The built-in templates, by name.</summary>
internal static class WorkflowTemplates
{
    public static IReadOnlyList<WorkflowTemplate> All { get; } =
    [
        CommunityResearchTemplate.Create(),
        WalletOnboardingTemplate.Create(),
        GoalLoopTemplate.Create(),
    ];

    public static WorkflowTemplate? Find(string? name) => All.FirstOrDefault(t => t.Name == name);
}
