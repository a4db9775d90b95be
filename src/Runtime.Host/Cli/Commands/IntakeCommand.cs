using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>intake --json '&lt;task&gt;' | --file path</c>: validate a TaskInput and queue it (spec §1.2, §5.13).</summary>
internal static class IntakeCommand
{
    public const string MissingInputMessage = "Provide --json '<task>' or --file path/to/task.json";

    private static readonly Option<string> JsonOption = CommandInputs.JsonOption("task");

    private static readonly Option<string> FileOption = CommandInputs.FileOption("task");

    public static Command Create()
    {
        var command = new Command("intake", "Queue one task");
        command.Options.Add(JsonOption);
        command.Options.Add(FileOption);
        command.SetAction(async (parse, ct) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var node = CommandInputs.ReadJsonOrFile(parse.GetValue(JsonOption), parse.GetValue(FileOption), MissingInputMessage);
            TaskRecord task;
            try
            {
                var input = TaskInputParser.Parse(node, host.Config.Profiles.Select(p => p.Key).ToList());
                task = await host.Store.EnqueueAsync(TaskInputValidator.Validate(input, host.Store.Options, host.Time.GetUtcNow()), ct).ConfigureAwait(false);
            }
            catch (TaskInputException ex)
            {
                throw new CliException($"invalid task: {ex.Message}", ex);
            }

            CliOutput.WriteJson(new JsonObject
            {
                ["queued"] = true,
                ["task_id"] = task.TaskId,
                ["profile"] = task.RequestedProfile,
                ["available_at"] = task.AvailableAt,
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
