using System.CommandLine;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>schedule-tick [--at date]</c>: evaluate due schedules now or at a given instant (spec §1.2, §7.1).</summary>
internal sealed class ScheduleTickCommand : HostCommand
{
    private static readonly Option<string> At = CommandInputs.Text("--at", "The evaluation instant (default now), e.g. 2026-04-29T10:05:00.000Z", "date");

    public ScheduleTickCommand(CliEnvironment environment)
        : base("schedule-tick", "Enqueue the tasks of due schedules (at most one per schedule)", environment)
    {
        Options.Add(At);
    }

    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        DateTimeOffset? instant = null;
        if (parseResult.GetValue(At) is { } text)
        {
            instant = IsoTime.TryParse(text, out var value)
                ? value
                : throw new CliException($"--at: expected a date such as 2026-04-29T10:05:00.000Z, got \"{text}\"");
        }

        return Task.FromResult(Print(core.Schedules.Tick(instant).ToJson()));
    }
}
