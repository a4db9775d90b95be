using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>workflow-complete --id n</c>: mark a workflow completed (spec §1.2).</summary>
internal static class WorkflowCompleteCommand
{
    public const string MissingMessage = "Provide --id <number>";

    public static Command Create()
    {
        var id = CommandInputs.Text("--id", "The workflow id", "number");
        var command = new Command("workflow-complete", "Mark a workflow completed") { id };
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            if (CommandInputs.WorkflowId(parse.GetValue(id)) is not { } workflowId)
            {
                throw new CliException(MissingMessage);
            }

            var store = new WorkflowStore(host.Tasks, host.Time);

            // The reference wrote completed_at and an event for any id; an unknown id is an operator error here.
            host.Tasks.InTransaction(() =>
            {
                if (store.GetById(workflowId) is null)
                {
                    throw new CliException($"Workflow not found: {workflowId}");
                }

                store.Complete(workflowId);
            });
            CliOutput.WriteJson(new JsonObject { ["completed"] = true, ["workflow_id"] = workflowId });
            return ExitCodes.Success;
        });
        return command;
    }
}
