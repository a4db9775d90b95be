using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>schedule-create --json '&lt;schedule&gt;' | --file path</c>: upsert a recurring schedule by name (spec §1.2, §7.1).</summary>
internal sealed class ScheduleCreateCommand : HostCommand
{
    public const string MissingInputMessage = "Provide --json '<schedule>' or --file path/to/schedule.json";

    private static readonly Option<string> JsonOption = CommandInputs.JsonOption("schedule");

    private static readonly Option<string> FileOption = CommandInputs.FileOption("schedule");

    public ScheduleCreateCommand(CliEnvironment environment)
        : base("schedule-create", "Create or update a recurring schedule (by name)", environment)
    {
        Options.Add(JsonOption);
        Options.Add(FileOption);
    }

    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var node = ReadJsonOrFile(parseResult.GetValue(JsonOption), parseResult.GetValue(FileOption), MissingInputMessage);
        return Task.FromResult(Print(core.Schedules.Upsert(node).ToJson()));
    }
}
