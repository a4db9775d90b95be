using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Snapshots;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>report --before a.json --after b.json</c>: compare two snapshots (spec §1.2, §7.8).</summary>
internal static class ReportCommand
{
    public const string MissingMessage = "Provide --before path/to/snapshot.json and --after path/to/snapshot.json";

    public static Command Create()
    {
        var before = CommandInputs.Text("--before", "The earlier snapshot file", "path");
        var after = CommandInputs.Text("--after", "The later snapshot file", "path");
        var command = new Command("report", "Compare two snapshots") { before, after };
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            if (parse.GetValue(before) is not { } beforePath || parse.GetValue(after) is not { } afterPath)
            {
                throw new CliException(MissingMessage);
            }

            CliOutput.WriteJson(SnapshotComparer.Compare(Read("--before", beforePath), Read("--after", afterPath)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject Read(string flag, string path)
    {
        var node = CommandInputs.ReadFile(path, MissingMessage);
        return node as JsonObject ?? throw new CliException($"{flag} {Path.GetFullPath(path)}: expected a snapshot JSON object");
    }
}
