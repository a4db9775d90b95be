using System.CommandLine;
using AgentRuntime.Host.Sensors;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>sensor-event --json '&lt;event&gt;' | --file path</c>: ingest a deduped sensor event (spec §1.2, §7.2).</summary>
internal static class SensorEventCommand
{
    public const string MissingInputMessage = "Provide --json '<sensor-event>' or --file path/to/sensor-event.json";

    public static Command Create()
    {
        var json = CommandInputs.JsonOption("sensor-event");
        var file = CommandInputs.FileOption("sensor-event");
        var command = new Command("sensor-event", "Ingest a sensor event (deduped by dedupe_key and by sensor_id + event_id)") { json, file };
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var node = CommandInputs.ReadJsonOrFile(parse.GetValue(json), parse.GetValue(file), MissingInputMessage);
            SensorEventInput input;
            try
            {
                input = SensorEventInputParser.Parse(node);
            }
            catch (SensorEventInputException ex)
            {
                throw new CliException(ex.Message, ex);
            }

            var workflows = new WorkflowOperations(new WorkflowStore(host.Tasks, host.Time), host.Time);
            var result = new SensorEventIngest(host.Tasks, workflows, host.Time).Ingest(input);
            CliOutput.WriteJson(result.ToJson());
            return ExitCodes.Success;
        });
        return command;
    }
}
