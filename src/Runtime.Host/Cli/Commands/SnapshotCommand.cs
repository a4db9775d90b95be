using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>snapshot [--label text]</c>: write a runtime snapshot under <c>&lt;artifactDir&gt;/snapshots/</c> (spec §1.2, §7.8).</summary>
internal sealed class SnapshotCommand : HostCommand
{
    private static readonly Option<string> Label = CommandInputs.Text("--label", "Appended to the file name (characters outside A-Za-z0-9_- become '-'); default runtime", "text");

    public SnapshotCommand(CliEnvironment environment)
        : base("snapshot", "Capture the runtime's tasks, workflows and artifacts to a JSON file", environment)
    {
        Options.Add(Label);
    }

    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken) =>
        Task.FromResult(Print(core.Snapshots.Capture(parseResult.GetValue(Label)).ToJson()));
}
