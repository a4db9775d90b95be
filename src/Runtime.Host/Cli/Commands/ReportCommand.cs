using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Operations;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>report --before a.json --after b.json</c>: compare two snapshots (spec §1.2, §7.8).</summary>
internal sealed class ReportCommand : HostCommand
{
    public const string MissingMessage = "Provide --before path/to/snapshot.json and --after path/to/snapshot.json";

    private static readonly Option<string> Before = CommandInputs.Text("--before", "The earlier snapshot file", "path");

    private static readonly Option<string> After = CommandInputs.Text("--after", "The later snapshot file", "path");

    public ReportCommand(CliEnvironment environment)
        : base("report", "Compare two snapshots", environment)
    {
        Options.Add(Before);
        Options.Add(After);
    }

    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(Before) is not { } beforePath || parseResult.GetValue(After) is not { } afterPath)
        {
            throw new CliException(MissingMessage);
        }

        return Task.FromResult(Print(SnapshotService.Compare(Read("--before", beforePath), Read("--after", afterPath))));
    }

    private JsonObject Read(string flag, string path)
    {
        var node = ReadFile(path, MissingMessage, flag);
        return node as JsonObject ?? throw new CliException($"{flag} {FullPath(path)}: expected a snapshot JSON object");
    }
}
