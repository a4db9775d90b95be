using System.CommandLine;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>workflow-show --id n | --instance_key key</c>: one workflow with its parsed context (spec §1.2).</summary>
internal static class WorkflowShowCommand
{
    public const string NotFoundMessage = "Provide --id <number> or --instance_key <key> for an existing workflow";

    public static Command Create()
    {
        var id = CommandInputs.Text("--id", "The workflow id (wins over --instance_key)", "number");
        var key = CommandInputs.Text("--instance_key", "The workflow's instance key", "key");
        var command = new Command("workflow-show", "Show one workflow") { id, key };
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var store = new WorkflowStore(host.Tasks, host.Time);
            var workflow = parse.GetValue(id) is { } idText
                ? CommandInputs.WorkflowId(idText) is { } number ? store.GetById(number) : null
                : parse.GetValue(key) is { } instanceKey ? store.GetByInstanceKey(instanceKey) : null;
            CliOutput.WriteJson((workflow ?? throw new CliException(NotFoundMessage)).ToShowJson());
            return ExitCodes.Success;
        });
        return command;
    }
}
