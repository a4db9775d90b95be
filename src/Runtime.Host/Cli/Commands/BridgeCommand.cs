using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Bridges;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>bridge-github --file</c> / <c>bridge-discord --file</c>: map an event file to a Lumen task and queue it (spec §1.2, §7.6).</summary>
internal static class BridgeCommand
{
    public const string MissingInputMessage = "Provide --file path/to/event.json";

    public static Command GitHub() => Create("bridge-github", "github", "Queue a github-story task from a GitHub event file", GitHubBridge.Map);

    public static Command Discord() => Create("bridge-discord", "discord", "Queue a discord-reply task from a Discord event file", DiscordBridge.Map);

    private static Command Create(string name, string bridge, string description, Func<JsonNode?, TaskInput> map)
    {
        var file = CommandInputs.FileOption("event");
        var command = new Command(name, description) { file };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var path = parse.GetValue(file);
            var node = CommandInputs.ReadFile(path, MissingInputMessage);
            TaskRecord task;
            try
            {
                task = await host.Store.EnqueueAsync(TaskInputValidator.Validate(map(node), host.Store.Options, host.Time.GetUtcNow()), ct).ConfigureAwait(false);
            }
            catch (BridgeInputException ex)
            {
                throw new CliException($"--file {Path.GetFullPath(path!)}: {ex.Message}", ex);
            }

            CliOutput.WriteJson(new JsonObject
            {
                ["queued"] = true,
                ["bridge"] = bridge,
                ["task_id"] = task.TaskId,
                ["profile"] = task.RequestedProfile,
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
