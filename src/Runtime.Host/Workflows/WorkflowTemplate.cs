namespace AgentRuntime.Host.Workflows;

/// <summary>A named workflow state machine (spec §7.4).</summary>
internal sealed record WorkflowTemplate
{
    public required string Name { get; init; }

    public required string InitialState { get; init; }

    public required IReadOnlyList<WorkflowStateDefinition> States { get; init; }

    /// <summary>Goal-loop tasks that end blocked or failed are not requeued (spec §7.3 step 6).</summary>
    public bool RequeueFailedTasks { get; init; } = true;

    /// <summary>The state with that name, or null (a workflow may be created in a state its template lacks).</summary>
    public WorkflowStateDefinition? State(string name) => States.FirstOrDefault(s => s.Name == name);
}
