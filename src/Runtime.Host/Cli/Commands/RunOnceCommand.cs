using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>run-once</c>: exactly one dispatch cycle; prints the cycle result and exits 0 whatever its <c>ok</c> (spec §1.2, §5).</summary>
internal sealed class RunOnceCommand(CliEnvironment environment)
    : HostCommand("run-once", "Run one dispatch cycle: claim at most one task and run it through its adapter", environment)
{
    protected override async Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var result = await core.CreateDispatchCycle().RunOnceAsync(cancellationToken).ConfigureAwait(false);
        return Print(result);
    }
}
