using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>resume</c>: clear <c>&lt;stateDir&gt;/dispatch.paused.json</c> (spec §7.10), recording the same event as the web endpoint.</summary>
internal sealed class ResumeCommand(CliEnvironment environment)
    : HostCommand("resume", "Resume dispatch after pause", environment)
{
    protected override async Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken) =>
        Print((await core.Pause.ResumeAsync(cancellationToken).ConfigureAwait(false)).ToJson());
}
