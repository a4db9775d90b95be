using System.CommandLine;
using AgentRuntime.Host.Bridges;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Operations;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>bridge-github --file</c> / <c>bridge-discord --file</c>: map an event file to a Lumen task and queue it (spec §1.2, §7.6).</summary>
internal sealed class BridgeCommand : HostCommand
{
    public const string MissingInputMessage = "Provide --file path/to/event.json";

    private static readonly Option<string> FileOption = CommandInputs.FileOption("event");

    private readonly string _bridge;

    private BridgeCommand(string name, string bridge, string description, CliEnvironment environment)
        : base(name, description, environment)
    {
        _bridge = bridge;
        Options.Add(FileOption);
    }

    public static BridgeCommand GitHub(CliEnvironment environment) =>
        new("bridge-github", BridgeService.GitHub, "Queue a github-story task from a GitHub event file", environment);

    public static BridgeCommand Discord(CliEnvironment environment) =>
        new("bridge-discord", BridgeService.Discord, "Queue a discord-reply task from a Discord event file", environment);

    protected override async Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = parseResult.GetValue(FileOption);
        var node = ReadFile(path, MissingInputMessage);
        try
        {
            return Print((await core.Bridges.QueueAsync(_bridge, node, cancellationToken).ConfigureAwait(false)).ToJson());
        }
        catch (BridgeInputException ex)
        {
            throw new CliException($"--file {FullPath(path!)}: {ex.Message}", ex);
        }
    }
}
