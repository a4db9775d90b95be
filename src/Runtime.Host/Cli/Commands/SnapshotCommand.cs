using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Snapshots;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>snapshot [--label text]</c>: write a runtime snapshot under <c>&lt;artifactDir&gt;/snapshots/</c> (spec §1.2, §7.8).</summary>
internal static class SnapshotCommand
{
    public static Command Create()
    {
        var label = CommandInputs.Text("--label", "Appended to the file name (characters outside A-Za-z0-9_- become '-'); default runtime", "text");
        var command = new Command("snapshot", "Capture the runtime's tasks, workflows and artifacts to a JSON file") { label };
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var builder = new SnapshotBuilder(host.Tasks, new WorkflowStore(host.Tasks, host.Time), host.Config.RuntimeName, host.Config.ArtifactDir, host.Time);
            var snapshot = builder.Capture();
            var path = SnapshotFile.Write(host.Config.ArtifactDir, snapshot, parse.GetValue(label));
            CliOutput.WriteJson(new JsonObject { ["snapshotPath"] = path, ["snapshot"] = snapshot });
            return ExitCodes.Success;
        });
        return command;
    }
}
