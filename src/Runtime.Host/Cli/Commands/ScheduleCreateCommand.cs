using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Schedules;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>schedule-create --json '&lt;schedule&gt;' | --file path</c>: upsert a recurring schedule by name (spec §1.2, §7.1).</summary>
internal static class ScheduleCreateCommand
{
    public const string MissingInputMessage = "Provide --json '<schedule>' or --file path/to/schedule.json";

    public static Command Create()
    {
        var json = CommandInputs.JsonOption("schedule");
        var file = CommandInputs.FileOption("schedule");
        var command = new Command("schedule-create", "Create or update a recurring schedule (by name)") { json, file };
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var node = CommandInputs.ReadJsonOrFile(parse.GetValue(json), parse.GetValue(file), MissingInputMessage);
            ScheduleInput input;
            try
            {
                input = ScheduleInputParser.Parse(node, host.Config.Profiles.Select(p => p.Key).ToList());
            }
            catch (ScheduleInputException ex)
            {
                throw new CliException(ex.Message, ex);
            }

            var schedule = new ScheduleStore(host.Tasks, host.Time).Upsert(input);
            CliOutput.WriteJson(new JsonObject { ["upserted"] = true, ["schedule"] = schedule.ToJson() });
            return ExitCodes.Success;
        });
        return command;
    }
}
