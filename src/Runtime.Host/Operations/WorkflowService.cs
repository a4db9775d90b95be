using System.Text.Json.Nodes;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Operations;

/// <summary>The operator's workflow requests (spec §1.2 <c>workflow-*</c>); a request that cannot be met throws <see cref="WorkflowException"/>.</summary>
internal sealed class WorkflowService(WorkflowStore store, TimeProvider time, IReadOnlyCollection<string>? configuredProfiles = null)
{
    private readonly WorkflowOperations _operations = new(store, time, configuredProfiles);

    /// <summary>Active workflows, least recently updated first.</summary>
    public WorkflowList ListActive() => new(store.ListActive());

    /// <summary>Every workflow, oldest first.</summary>
    public IReadOnlyList<WorkflowRecord> ListAll() => store.ListAll();

    /// <summary>The workflow with this id, else the one with this instance key (the id wins when both are given); null when none.</summary>
    public WorkflowRecord? Find(long? id, string? instanceKey) =>
        id is { } number ? store.GetById(number)
        : instanceKey is not null ? store.GetByInstanceKey(instanceKey)
        : null;

    public WorkflowCreation Create(string template, string instanceKey, string? state, string? contextJson)
    {
        var (created, workflow) = _operations.Create(template, instanceKey, state, contextJson);
        return new WorkflowCreation(created, workflow);
    }

    public WorkflowTransitionResult Transition(long id, string newState, JsonObject? incoming)
    {
        var (from, to) = _operations.Transition(id, newState, incoming);
        return new WorkflowTransitionResult(id, from, to);
    }

    /// <summary>Marks a workflow completed. The reference wrote completed_at and an event for any id; an unknown id is an operator error here.</summary>
    public WorkflowCompletion Complete(long id)
    {
        if (!store.TryComplete(id))
        {
            throw new WorkflowException($"Workflow not found: {id}");
        }

        return new WorkflowCompletion(id);
    }
}
