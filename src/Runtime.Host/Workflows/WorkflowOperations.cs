using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Workflows;

/// <summary>The operator's manual control of workflows (spec §1.2), shared by the CLI, sensors and backlog seeding.</summary>
/// <param name="store">The workflows.</param>
/// <param name="time">The clock of transitions.</param>
/// <param name="configuredProfiles">When given, a context's <c>requested_profile</c> (the profile of the tasks a template queues) must be one of these.</param>
internal sealed class WorkflowOperations(WorkflowStore store, TimeProvider time, IReadOnlyCollection<string>? configuredProfiles = null)
{
    private const string ProfileKey = "requested_profile";

    public WorkflowStore Store => store;

    /// <summary>
    /// Creates a workflow unless one with <paramref name="instanceKey"/> exists (then returns that one
    /// with <c>Created</c> false and writes nothing). The state defaults to the template's initial
    /// state; the context text is stored as given.
    /// </summary>
    /// <exception cref="WorkflowException">The template is unknown, or it has no state <paramref name="state"/>.</exception>
    public (bool Created, WorkflowRecord Workflow) Create(string template, string instanceKey, string? state, string? contextJson)
    {
        var definition = WorkflowTemplates.Find(template) ?? throw new WorkflowException($"Unknown workflow template: {template}");

        // A state the template does not have parked the workflow for ever, with no event.
        if (!string.IsNullOrEmpty(state) && definition.State(state) is null)
        {
            throw new WorkflowException($"Unknown state {state} for workflow template {template}; its states: {string.Join(", ", definition.States.Select(s => s.Name))}");
        }

        CheckProfile(ContextObject(contextJson));
        return store.CreateIfNew(new NewWorkflow(template, instanceKey, string.IsNullOrEmpty(state) ? definition.InitialState : state, contextJson));
    }

    /// <summary>
    /// Moves a workflow to one of its current state's <c>on</c> targets, shallow-merging
    /// <paramref name="incoming"/> into the context and recording the state's entry time (see
    /// <see cref="WorkflowEngine.StateEnteredAtKey"/>). Deliberate fix of spec B15: a target that
    /// is terminal (no transitions, no completion kinds — e.g. goal-loop <c>complete</c>) also
    /// completes the workflow, as the engine does, instead of leaving it active with no way on.
    /// </summary>
    /// <exception cref="WorkflowException">Unknown or completed workflow, unknown template, or a target that is not allowed.</exception>
    public (string From, string To) Transition(long id, string newState, JsonObject? incoming)
    {
        // Only what the transition brings is checked: a context stored earlier (say by the Bun runtime) still moves.
        CheckProfile(incoming);
        return store.Update(id, found =>
        {
            var workflow = found ?? throw new WorkflowException($"Workflow not found: {id}");
            if (workflow.CompletedAt is not null)
            {
                throw new WorkflowException($"Workflow {id} is completed ({workflow.CurrentState}); a completed workflow does not transition");
            }

            var template = WorkflowTemplates.Find(workflow.Template) ?? throw new WorkflowException($"Unknown workflow template: {workflow.Template}");
            var current = template.State(workflow.CurrentState);
            if (current is null || current.On.All(pair => pair.Value != newState))
            {
                throw new WorkflowException($"Transition not allowed from {workflow.CurrentState} to {newState}");
            }

            var context = workflow.Context();
            foreach (var (key, value) in incoming ?? [])
            {
                context[key] = value?.DeepClone();
            }

            context[WorkflowEngine.StateEnteredAtKey] = IsoTime.Now(time);
            store.Transition(id, newState, context);
            if (template.State(newState)?.IsTerminal == true && workflow.CompletedAt is null)
            {
                store.Complete(id);
            }

            return (workflow.CurrentState, newState);
        });
    }

    /// <summary>
    /// What is wrong with a context's <c>requested_profile</c> (<c>context.requested_profile: …</c>),
    /// else null. A profile the config does not have was accepted and failed only when the state's
    /// task was claimed, so every state of the workflow ended blocked.
    /// </summary>
    public string? ProfileProblem(JsonNode? context)
    {
        if (configuredProfiles is null || context is not JsonObject fields || !fields.TryGetPropertyValue(ProfileKey, out var node) || node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return $"context.{ProfileKey}: expected a profile name, got {node.Describe()}";
        }

        var profile = node.GetValue<string>();
        return configuredProfiles.Contains(profile) ? null : $"context.{ProfileKey}: {TaskInputParser.UnknownProfile(profile, configuredProfiles)}";
    }

    private void CheckProfile(JsonNode? context)
    {
        if (ProfileProblem(context) is { } problem)
        {
            throw new WorkflowException(problem);
        }
    }

    private static JsonObject? ContextObject(string? contextJson)
    {
        if (contextJson is null)
        {
            return null;
        }

        try
        {
            return JsJson.ParseStored(contextJson) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
