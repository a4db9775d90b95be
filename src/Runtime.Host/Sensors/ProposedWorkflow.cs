namespace AgentRuntime.Host.Sensors;

/// <summary>A sensor event's <c>proposed_workflow</c>: created unless its instance key exists.</summary>
internal sealed record ProposedWorkflow(string Template, string InstanceKey, string? State, string? ContextJson);
