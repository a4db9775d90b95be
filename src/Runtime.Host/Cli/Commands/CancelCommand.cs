using System.CommandLine;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>cancel --task &lt;id&gt; [--reason &lt;text&gt;]</c>: operator cancel, as the web API's
/// (spec §5.15, B27 fixed). A running task is stopped by the process running it; the command waits
/// up to 10 s for that and prints <c>cancel_requested: true</c> if it has not happened yet.
/// Unknown or already ended tasks are refused on stderr with exit 1, and nothing changes.
/// </summary>
internal sealed class CancelCommand : HostCommand
{
    public const string MissingTaskMessage = "Provide --task <id> of the task to cancel";

    private static readonly Option<string> TaskId = CommandInputs.Text("--task", "The id of the task to cancel", "id");

    private static readonly Option<string> Reason = CommandInputs.Text("--reason", "Why the task is canceled (kept in its outcome)", "text");

    public CancelCommand(CliEnvironment environment)
        : base("cancel", "Cancel a task: a queued or blocked one at once, a running one by stopping its adapter", environment)
    {
        Options.Add(TaskId);
        Options.Add(Reason);
    }

    protected override async Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var taskId = parseResult.GetValue(TaskId) is { Length: > 0 } id ? id : throw new CliException(MissingTaskMessage);
        var result = await core.Cancel.CancelAsync(taskId, parseResult.GetValue(Reason), cancellationToken).ConfigureAwait(false);
        return Print(result.ToJson());
    }
}
