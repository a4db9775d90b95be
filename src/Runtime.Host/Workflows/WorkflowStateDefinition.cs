using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Workflows;

/// <summary>
/// One state of a workflow template (spec §7.4): its transitions, the task kinds that advance it
/// automatically, the kinds that complete the workflow, and the task its action creates.
/// </summary>
internal sealed record WorkflowStateDefinition
{
    /// <summary>The sentinel auto-transition entry: the signal is read from the task's outcome (spec §7.3).</summary>
    public const string SignalSentinel = "__signal__";

    public required string Name { get; init; }

    /// <summary>Signal → next state, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> On { get; init; } = [];

    /// <summary>Completed task kind → signal (or <see cref="SignalSentinel"/>).</summary>
    public IReadOnlyDictionary<string, string> Auto { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> CompletionKinds { get; init; } = [];

    /// <summary>
    /// Builds the action task (TaskInput JSON without <c>source</c>) from the workflow context and
    /// the current time; null for states without an action.
    /// </summary>
    public Func<JsonObject, DateTimeOffset, JsonObject>? Action { get; init; }

    /// <summary>No transitions and no completion kinds: entering it completes the workflow.</summary>
    public bool IsTerminal => On.Count == 0 && CompletionKinds.Count == 0;

    public string? Next(string signal) => On.FirstOrDefault(pair => pair.Key == signal).Value;

    public static KeyValuePair<string, string> Edge(string signal, string next) => new(signal, next);
}
