using System.CommandLine;
using AgentRuntime.Host.Backlog;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>seed-backlog --file backlog.json</c>: create a backlog's workflows and queue its tasks (spec §1.2, §7.5).</summary>
internal static class SeedBacklogCommand
{
    public const string MissingMessage = "Provide --file path/to/backlog.json";

    public static Command Create()
    {
        var file = CommandInputs.FileOption("backlog");
        var command = new Command("seed-backlog", "Create the workflows and queue the tasks of a backlog file") { file };
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var path = parse.GetValue(file);
            var node = CommandInputs.ReadFile(path, MissingMessage);
            var seeder = new BacklogSeeder(new WorkflowOperations(new WorkflowStore(host.Tasks, host.Time), host.Time), host.Log);
            try
            {
                CliOutput.WriteJson(seeder.Seed(node, host.Config.Profiles.Select(p => p.Key).ToList()));
            }
            catch (Exception ex) when (ex is BacklogInputException or TaskInputException or WorkflowException)
            {
                throw new CliException($"--file {Path.GetFullPath(path!)}: {ex.Message}", ex);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
