using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>adapters [--probe]</c>: every configured adapter with its health and the plugin that serves it; exit 1 when the default is unhealthy (spec §1.2).</summary>
internal sealed class AdaptersCommand : HostCommand
{
    private static readonly Option<bool> Probe = new("--probe") { Description = "Also walk the fallback chain from the default adapter, with fresh probes" };

    public AdaptersCommand(CliEnvironment environment)
        : base("adapters", "Healthcheck every configured adapter and show the plugin that serves it", environment)
    {
        Options.Add(Probe);
    }

    protected override async Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var report = await core.AdapterStatus.ListAsync(parseResult.GetValue(Probe), cancellationToken).ConfigureAwait(false);
        return Print(report.ToJson(), report.DefaultOk ? ExitCodes.Success : ExitCodes.Failure);
    }
}
