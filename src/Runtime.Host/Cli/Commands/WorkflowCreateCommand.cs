using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>workflow-create --template name --instance_key key [--context json] [--state state]</c>:
/// create a workflow, or report the existing one with that instance key (spec §1.2).
/// </summary>
internal static class WorkflowCreateCommand
{
    public const string MissingMessage = "Provide --template <name> and --instance_key <key>";

    public static Command Create()
    {
        var template = CommandInputs.Text("--template", "community-research, wallet-onboarding or goal-loop", "name");
        var key = CommandInputs.Text("--instance_key", "A unique key; creating an existing key again changes nothing", "key");
        var context = CommandInputs.Text("--context", "The initial context, a JSON object (stored as given)", "json");
        var state = CommandInputs.Text("--state", "The initial state (default: the template's)", "state");
        var command = new Command("workflow-create", "Create a workflow from a template") { template, key, context, state };
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            if (parse.GetValue(template) is not { Length: > 0 } name || parse.GetValue(key) is not { Length: > 0 } instanceKey)
            {
                throw new CliException(MissingMessage);
            }

            var contextText = parse.GetValue(context);
            if (contextText is not null && CommandInputs.ParseFlagJson("--context", contextText) is not JsonObject)
            {
                throw new CliException("--context: expected a JSON object");
            }

            var operations = new WorkflowOperations(new WorkflowStore(host.Tasks, host.Time), host.Time);
            bool created;
            WorkflowRecord workflow;
            try
            {
                (created, workflow) = operations.Create(name, instanceKey, parse.GetValue(state), contextText);
            }
            catch (WorkflowException ex)
            {
                throw new CliException(ex.Message, ex);
            }

            CliOutput.WriteJson(created
                ? new JsonObject
                {
                    ["created"] = true,
                    ["workflow_id"] = workflow.Id,
                    ["template"] = workflow.Template,
                    ["instance_key"] = workflow.InstanceKey,
                    ["state"] = workflow.CurrentState,
                }
                : new JsonObject { ["created"] = false, ["workflow"] = workflow.ToRawJson() });
            return ExitCodes.Success;
        });
        return command;
    }
}
