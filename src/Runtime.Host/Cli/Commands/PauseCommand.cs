using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>pause [--reason]</c>: write <c>&lt;stateDir&gt;/dispatch.paused.json</c> (spec §7.10), recording
/// the same event as the web endpoint. Paused dispatchers claim nothing.
/// </summary>
internal sealed class PauseCommand : HostCommand
{
    private static readonly Option<string> Reason = new("--reason") { Description = "Why dispatch is paused (shown by status surfaces)", HelpName = "text" };

    public PauseCommand(CliEnvironment environment)
        : base("pause", "Pause dispatch: run-once cycles claim nothing until resume", environment)
    {
        Options.Add(Reason);
    }

    protected override async Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken) =>
        Print((await core.Pause.PauseAsync(parseResult.GetValue(Reason), cancellationToken).ConfigureAwait(false)).ToJson());
}
