using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>workflow-transition --id n --state new [--context json]</c>: move a workflow along one of its transitions (spec §1.2).</summary>
internal static class WorkflowTransitionCommand
{
    public const string MissingMessage = "Provide --id <number> and --state <new_state>";

    public static Command Create()
    {
        var id = CommandInputs.Text("--id", "The workflow id", "number");
        var state = CommandInputs.Text("--state", "A target of the current state's transitions", "new_state");
        var context = CommandInputs.Text("--context", "A JSON object shallow-merged into the context", "json");
        var command = new Command("workflow-transition", "Move a workflow to another state") { id, state, context };
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            if (CommandInputs.WorkflowId(parse.GetValue(id)) is not { } workflowId || parse.GetValue(state) is not { Length: > 0 } newState)
            {
                throw new CliException(MissingMessage);
            }

            JsonObject? incoming = null;
            if (parse.GetValue(context) is { } text)
            {
                incoming = CommandInputs.ParseFlagJson("--context", text) as JsonObject
                    ?? throw new CliException("--context: expected a JSON object");
            }

            var operations = new WorkflowOperations(new WorkflowStore(host.Tasks, host.Time), host.Time);
            (string From, string To) moved;
            try
            {
                moved = operations.Transition(workflowId, newState, incoming);
            }
            catch (WorkflowException ex)
            {
                throw new CliException(ex.Message, ex);
            }

            CliOutput.WriteJson(new JsonObject
            {
                ["transitioned"] = true,
                ["workflow_id"] = workflowId,
                ["from"] = moved.From,
                ["to"] = moved.To,
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
