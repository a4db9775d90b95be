using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>Options and input readers shared by the schedule, sensor, workflow, bridge, backlog and report commands.</summary>
internal static class CommandInputs
{
    public static Option<string> JsonOption(string what) => new("--json") { Description = $"The {what} as a JSON object (wins over --file)", HelpName = what };

    public static Option<string> FileOption(string what) => new("--file") { Description = $"A file holding the {what} as JSON (relative to the working directory)", HelpName = "path" };

    public static Option<string> Text(string name, string description, string helpName) => new(name) { Description = description, HelpName = helpName };

    /// <summary>
    /// The JSON in the file named by <paramref name="flag"/> (relative to <paramref name="workingDirectory"/>);
    /// a missing flag → <paramref name="missingMessage"/>. Errors name the flag and the file.
    /// </summary>
    public static JsonNode? ReadFile(string? file, string workingDirectory, string missingMessage, string flag = "--file")
    {
        if (file is null)
        {
            throw new CliException(missingMessage);
        }

        if (InputText.PathProblem(file) is { } problem)
        {
            throw new CliException($"{flag}: {problem}");
        }

        var path = Path.GetFullPath(file, workingDirectory);
        string text;
        try
        {
            text = InputText.Read(path);
        }
        catch (InputFileException ex)
        {
            throw new CliException($"{flag} {path}: {ex.Message}", ex);
        }

        return ParseFlagJson($"{flag} {path}", text);
    }

    /// <summary>A JSON flag value such as <c>--context</c>; the error names the flag.</summary>
    public static JsonNode? ParseFlagJson(string flag, string text)
    {
        try
        {
            return JsJson.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{flag}: not valid JSON ({ex.Message})", ex);
        }
    }

    /// <summary>A workflow id given as text: a positive integer, else null.</summary>
    public static long? WorkflowId(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
