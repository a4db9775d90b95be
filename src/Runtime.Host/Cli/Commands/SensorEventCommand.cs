using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>sensor-event --json '&lt;event&gt;' | --file path</c>: ingest a deduped sensor event (spec §1.2, §7.2).</summary>
internal sealed class SensorEventCommand : HostCommand
{
    public const string MissingInputMessage = "Provide --json '<sensor-event>' or --file path/to/sensor-event.json";

    private static readonly Option<string> JsonOption = CommandInputs.JsonOption("sensor-event");

    private static readonly Option<string> FileOption = CommandInputs.FileOption("sensor-event");

    public SensorEventCommand(CliEnvironment environment)
        : base("sensor-event", "Ingest a sensor event (deduped by dedupe_key and by sensor_id + event_id)", environment)
    {
        Options.Add(JsonOption);
        Options.Add(FileOption);
    }

    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var node = ReadJsonOrFile(parseResult.GetValue(JsonOption), parseResult.GetValue(FileOption), MissingInputMessage);
        return Task.FromResult(Print(core.Sensors.Ingest(node).ToJson()));
    }
}
