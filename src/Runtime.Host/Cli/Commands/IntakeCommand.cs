using System.CommandLine;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Intake;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>intake --json '&lt;task&gt;' | --file path</c>: validate a TaskInput and queue it (spec §1.2, §5.13).</summary>
internal sealed class IntakeCommand : HostCommand
{
    public const string MissingInputMessage = "Provide --json '<task>' or --file path/to/task.json";

    private static readonly Option<string> JsonOption = CommandInputs.JsonOption("task");

    private static readonly Option<string> FileOption = CommandInputs.FileOption("task");

    public IntakeCommand(CliEnvironment environment)
        : base("intake", "Queue one task", environment)
    {
        Options.Add(JsonOption);
        Options.Add(FileOption);
    }

    protected override async Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var node = ReadJsonOrFile(parseResult.GetValue(JsonOption), parseResult.GetValue(FileOption), MissingInputMessage);
        try
        {
            return Print((await core.Intake.EnqueueAsync(node, cancellationToken).ConfigureAwait(false)).ToJson());
        }
        catch (TaskInputException ex)
        {
            throw new CliException($"invalid task: {ex.Message}", ex);
        }
    }
}
