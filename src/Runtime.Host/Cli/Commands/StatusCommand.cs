using System.CommandLine;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Operations;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>status</c>: task counts, the five most recently updated tasks and the last event (spec §1.2).
/// Opening the database applies pending migrations, which the deploy script relies on.
/// </summary>
internal sealed class StatusCommand(CliEnvironment environment)
    : HostCommand("status", "Show task counts, recent tasks and the last run event", environment)
{
    protected override async Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken) =>
        Print(StatusReportJson.ToJson(await core.Status.ReadAsync(cancellationToken).ConfigureAwait(false)));
}
