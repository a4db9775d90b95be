namespace AgentRuntime.Host.Storage;

/// <summary>A workflow to create unless its instance key exists (spec §3.2 <c>workflows</c>); the state is already resolved.</summary>
internal sealed record NewWorkflow(string Template, string InstanceKey, string State, string? ContextJson);
