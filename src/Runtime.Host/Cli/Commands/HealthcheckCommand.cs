using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>healthcheck</c>: config validation, every configured profile, every adapter; exit 1 on any problem (spec §1.2, §7.9).</summary>
internal sealed class HealthcheckCommand(CliEnvironment environment)
    : HostCommand("healthcheck", "Validate the config and profiles and healthcheck every adapter; exit 1 on any problem", environment)
{
    protected override async Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var report = await core.Health.CheckAsync(cancellationToken).ConfigureAwait(false);
        return Print(report.ToJson(), report.Ok ? ExitCodes.Success : ExitCodes.Failure);
    }
}
