using System.CommandLine;
using AgentRuntime.Host.Backlog;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>seed-backlog --file backlog.json</c>: create a backlog's workflows and queue its tasks (spec §1.2, §7.5).</summary>
internal sealed class SeedBacklogCommand : HostCommand
{
    public const string MissingMessage = "Provide --file path/to/backlog.json";

    private static readonly Option<string> FileOption = CommandInputs.FileOption("backlog");

    public SeedBacklogCommand(CliEnvironment environment)
        : base("seed-backlog", "Create the workflows and queue the tasks of a backlog file", environment)
    {
        Options.Add(FileOption);
    }

    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = parseResult.GetValue(FileOption);
        var node = ReadFile(path, MissingMessage);
        try
        {
            return Task.FromResult(Print(core.Backlog.Seed(node)));
        }
        catch (Exception ex) when (ex is BacklogInputException or TaskInputException or WorkflowException)
        {
            throw new CliException($"--file {FullPath(path!)}: {ex.Message}", ex);
        }
    }
}
