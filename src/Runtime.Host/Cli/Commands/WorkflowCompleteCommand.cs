using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>workflow-complete --id n</c>: mark a workflow completed (spec §1.2).</summary>
internal sealed class WorkflowCompleteCommand : HostCommand
{
    public const string MissingMessage = "Provide --id <number>";

    private static readonly Option<string> Id = CommandInputs.Text("--id", "The workflow id", "number");

    public WorkflowCompleteCommand(CliEnvironment environment)
        : base("workflow-complete", "Mark a workflow completed", environment)
    {
        Options.Add(Id);
    }

    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (CommandInputs.WorkflowId(parseResult.GetValue(Id)) is not { } workflowId)
        {
            throw new CliException(MissingMessage);
        }

        return Task.FromResult(Print(core.Workflows.Complete(workflowId).ToJson()));
    }
}
