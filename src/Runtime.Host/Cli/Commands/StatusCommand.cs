using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>status</c>: task counts, the five most recently updated tasks and the last event (spec §1.2).
/// Opening the database applies pending migrations, which the deploy script relies on.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show task counts, recent tasks and the last run event");
        command.SetAction(async (parse, ct) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            CliOutput.WriteJson(ToJson(await host.Store.ReadStatusAsync(ct).ConfigureAwait(false)));
            return ExitCodes.Success;
        });
        return command;
    }

    public static JsonObject ToJson(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var counts = new JsonArray();
        foreach (var count in report.Counts)
        {
            counts.Add(new JsonObject { ["status"] = count.Status, ["count"] = count.Count });
        }

        var recent = new JsonArray();
        foreach (var task in report.Recent)
        {
            recent.Add(new JsonObject
            {
                ["task_id"] = task.TaskId,
                ["kind"] = task.Kind,
                ["status"] = task.Status,
                ["updated_at"] = task.UpdatedAt,
                ["attempt_id"] = task.AttemptId,
                ["bundle_hash"] = task.BundleHash,
            });
        }

        var last = report.LastEvent is { } e
            ? new JsonObject
            {
                ["event_type"] = e.EventType,
                ["task_id"] = e.TaskId,
                ["attempt_id"] = e.AttemptId,
                ["created_at"] = e.CreatedAt,
            }
            : null;
        return new JsonObject { ["counts"] = counts, ["recent"] = recent, ["lastEvent"] = last };
    }
}
