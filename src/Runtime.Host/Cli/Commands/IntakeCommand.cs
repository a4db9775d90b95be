using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>intake --json '&lt;task&gt;' | --file path</c>: validate a TaskInput and queue it (spec §1.2, §5.13).</summary>
internal static class IntakeCommand
{
    public const string MissingInputMessage = "Provide --json '<task>' or --file path/to/task.json";

    private static readonly Option<string> JsonOption = new("--json")
    {
        Description = "The task as a JSON object (wins over --file)",
        HelpName = "task",
    };

    private static readonly Option<string> FileOption = new("--file")
    {
        Description = "A file holding the task as a JSON object (relative to the working directory)",
        HelpName = "path",
    };

    public static Command Create()
    {
        var command = new Command("intake", "Queue one task");
        command.Options.Add(JsonOption);
        command.Options.Add(FileOption);
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var node = ReadInput(parse.GetValue(JsonOption), parse.GetValue(FileOption));
            TaskRecord task;
            try
            {
                var input = TaskInputParser.Parse(node, host.Config.Profiles.Select(p => p.Key).ToList());
                task = host.Tasks.Enqueue(input);
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

    /// <summary>Reads the task JSON from <c>--json</c>, else <c>--file</c>; the error names the input that failed.</summary>
    internal static JsonNode? ReadInput(string? json, string? file)
    {
        if (json is not null)
        {
            return ParseJson(json, "--json");
        }

        if (file is null)
        {
            throw new CliException(MissingInputMessage);
        }

        var path = Path.GetFullPath(file);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--file {path}: cannot read the file ({ex.Message})", ex);
        }

        return ParseJson(text, $"--file {path}");
    }

    private static JsonNode? ParseJson(string text, string inputName)
    {
        try
        {
            return JsJson.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{inputName}: not valid JSON ({ex.Message})", ex);
        }
    }
}
