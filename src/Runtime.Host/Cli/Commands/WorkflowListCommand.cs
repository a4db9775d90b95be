using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>workflow-list</c>: active workflows as raw rows, least recently updated first (spec §1.2).</summary>
internal sealed class WorkflowListCommand(CliEnvironment environment)
    : HostCommand("workflow-list", "List active workflows", environment)
{
    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken) =>
        Task.FromResult(Print(core.Workflows.ListActive().ToJson()));
}
