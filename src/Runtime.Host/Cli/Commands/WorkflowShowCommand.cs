using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>workflow-show --id n | --instance_key key</c>: one workflow with its parsed context (spec §1.2).</summary>
internal sealed class WorkflowShowCommand : HostCommand
{
    public const string NotFoundMessage = "Provide --id <number> or --instance_key <key> for an existing workflow";

    private static readonly Option<string> Id = CommandInputs.Text("--id", "The workflow id (wins over --instance_key)", "number");

    private static readonly Option<string> Key = CommandInputs.Text("--instance_key", "The workflow's instance key", "key");

    public WorkflowShowCommand(CliEnvironment environment)
        : base("workflow-show", "Show one workflow", environment)
    {
        Options.Add(Id);
        Options.Add(Key);
    }

    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        // An --id that is not a positive number finds nothing, even when --instance_key is also given.
        var workflow = parseResult.GetValue(Id) is { } idText
            ? CommandInputs.WorkflowId(idText) is { } number ? core.Workflows.Find(number, null) : null
            : core.Workflows.Find(null, parseResult.GetValue(Key));
        return Task.FromResult(Print((workflow ?? throw new CliException(NotFoundMessage)).ToShowJson()));
    }
}
