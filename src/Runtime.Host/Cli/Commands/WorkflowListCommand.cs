using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>workflow-list</c>: active workflows as raw rows, least recently updated first (spec §1.2).</summary>
internal static class WorkflowListCommand
{
    public static Command Create()
    {
        var command = new Command("workflow-list", "List active workflows");
        command.SetAction(async (parse, _) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var active = new WorkflowStore(host.Tasks, host.Time).ListActive();
            CliOutput.WriteJson(new JsonObject { ["workflows"] = new JsonArray([.. active.Select(w => (JsonNode?)w.ToRawJson())]) });
            return ExitCodes.Success;
        });
        return command;
    }
}
