namespace AgentRuntime.Host.Workflows;

/// <summary>The result of one evaluation of every active workflow (spec §7.3).</summary>
internal sealed record WorkflowEvaluation(int WorkflowsEvaluated, int TasksCreated);
