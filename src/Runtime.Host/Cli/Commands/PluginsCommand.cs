using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>plugins</c>: what the plugins directory holds, what loaded, and what is enabled on this host; exit 1 when one failed to load.</summary>
internal sealed class PluginsCommand(CliEnvironment environment)
    : HostCommand("plugins", "List the adapter plugins found in the plugins directory", environment)
{
    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var report = core.PluginStatus.List();
        return Task.FromResult(Print(report.ToJson(), report.AllLoaded ? ExitCodes.Success : ExitCodes.Failure));
    }
}
