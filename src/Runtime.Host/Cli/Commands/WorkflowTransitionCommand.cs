using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>workflow-transition --id n --state new [--context json]</c>: move a workflow along one of its transitions (spec §1.2).</summary>
internal sealed class WorkflowTransitionCommand : HostCommand
{
    public const string MissingMessage = "Provide --id <number> and --state <new_state>";

    private static readonly Option<string> Id = CommandInputs.Text("--id", "The workflow id", "number");

    private static readonly Option<string> State = CommandInputs.Text("--state", "A target of the current state's transitions", "new_state");

    private static readonly Option<string> Context = CommandInputs.Text("--context", "A JSON object shallow-merged into the context", "json");

    public WorkflowTransitionCommand(CliEnvironment environment)
        : base("workflow-transition", "Move a workflow to another state", environment)
    {
        Options.Add(Id);
        Options.Add(State);
        Options.Add(Context);
    }

    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (CommandInputs.WorkflowId(parseResult.GetValue(Id)) is not { } workflowId || parseResult.GetValue(State) is not { Length: > 0 } newState)
        {
            throw new CliException(MissingMessage);
        }

        JsonObject? incoming = null;
        if (parseResult.GetValue(Context) is { } text)
        {
            incoming = CommandInputs.ParseFlagJson("--context", text) as JsonObject
                ?? throw new CliException("--context: expected a JSON object");
        }

        return Task.FromResult(Print(core.Workflows.Transition(workflowId, newState, incoming).ToJson()));
    }
}
