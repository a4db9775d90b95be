using System.CommandLine;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Schedules;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>schedule-tick [--at date]</c>: evaluate due schedules now or at a given instant (spec §1.2, §7.1).</summary>
internal static class ScheduleTickCommand
{
    public static Command Create()
    {
        var at = CommandInputs.Text("--at", "The evaluation instant (default now), e.g. 2026-04-29T10:05:00.000Z", "date");
        var command = new Command("schedule-tick", "Enqueue the tasks of due schedules (at most one per schedule)") { at };
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            DateTimeOffset? instant = null;
            if (parse.GetValue(at) is { } text)
            {
                instant = IsoTime.TryParse(text, out var value)
                    ? value
                    : throw new CliException($"--at: expected a date such as 2026-04-29T10:05:00.000Z, got \"{text}\"");
            }

            var evaluation = new ScheduleEvaluator(host.Tasks, host.Time, host.Log).Evaluate(instant);
            CliOutput.WriteJson(evaluation.ToJson());
            return ExitCodes.Success;
        });
        return command;
    }
}
