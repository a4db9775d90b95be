using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>pause [--reason]</c> and <c>resume</c>: write or clear <c>&lt;stateDir&gt;/dispatch.paused.json</c>
/// (spec §7.10) from the CLI, recording the same events as the web endpoint. Paused dispatchers claim nothing.
/// </summary>
internal static class PauseCommand
{
    public static Command CreatePause()
    {
        var reason = new Option<string>("--reason") { Description = "Why dispatch is paused (shown by status surfaces)", HelpName = "text" };
        var command = new Command("pause", "Pause dispatch: run-once cycles claim nothing until resume");
        command.Options.Add(reason);
        command.SetAction(async (parse, ct) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var state = new PauseFile(host.Config.StateDir, host.Time).Pause(parse.GetValue(reason));
            return await RecordAsync(host, "dispatch_pause_enabled", state, ct).ConfigureAwait(false);
        });
        return command;
    }

    public static Command CreateResume()
    {
        var command = new Command("resume", "Resume dispatch after pause");
        command.SetAction(async (parse, ct) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var state = new PauseFile(host.Config.StateDir, host.Time).Resume();
            return await RecordAsync(host, "dispatch_pause_cleared", state, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RecordAsync(HostContext host, string eventType, PauseState state, CancellationToken cancellationToken)
    {
        await host.Store.RecordAsync(eventType, null, null, new JsonObject { ["reason"] = state.Reason }, cancellationToken).ConfigureAwait(false);
        CliOutput.WriteJson(new JsonObject
        {
            ["ok"] = true,
            ["paused"] = state.Paused,
            ["reason"] = state.Reason,
            ["updated_at"] = state.UpdatedAt,
        });
        return ExitCodes.Success;
    }
}
