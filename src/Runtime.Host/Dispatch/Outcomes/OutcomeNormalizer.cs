using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Outcomes;

/// <summary>Turns an adapter's raw output into a canonical outcome (§5.10).</summary>
internal static class OutcomeNormalizer
{
    private const int SummaryLimit = 4000;

    public static CanonicalOutcome Normalize(string rawOutput)
    {
        if (!JsonCandidate.TryParse(JsonCandidate.Extract(rawOutput), out var parsed) || parsed is null)
        {
            return Fallback(rawOutput);
        }

        // Non-object JSON (numbers, strings, arrays) has none of the fields: every read below misses.
        var obj = parsed as JsonObject ?? new JsonObject();
        var summary = PayloadReader.NonBlank(obj, "operator_summary") ?? JsText.Slice(rawOutput, SummaryLimit);
        var machineStatus = PayloadReader.String(obj, "machine_status") switch
        {
            OutcomeStatuses.MachineNeedsRetry => OutcomeStatuses.MachineNeedsRetry,
            OutcomeStatuses.MachineBlocked => OutcomeStatuses.MachineBlocked,
            OutcomeStatuses.MachineFailed => OutcomeStatuses.MachineFailed,
            _ => OutcomeStatuses.MachineOk,
        };
        var parsedStatus = PayloadReader.String(obj, "status") ?? OutcomeStatuses.Completed;
        var status = InferStatus(parsedStatus, summary, machineStatus, rawOutput);
        return new CanonicalOutcome
        {
            Status = status,
            OperatorSummary = summary,
            MachineStatus = status == OutcomeStatuses.Blocked ? OutcomeStatuses.MachineBlocked : machineStatus,
            FileChanges = FileChanges(obj["file_changes"]),
            ArtifactPaths = obj["artifact_paths"] is JsonArray paths ? paths.Select(PayloadReader.String).OfType<string>().ToList() : [],
            FollowUpTasks = obj["follow_up_tasks"] is JsonArray tasks ? tasks.Select(FollowUpTask).OfType<JsonObject>().ToList() : [],
            ExternalMessages = obj["external_messages"] is JsonArray messages ? messages.OfType<JsonObject>().Select(m => (JsonObject)m.DeepClone()).ToList() : [],
            WorkflowSignal = PayloadReader.String(obj, "workflow_signal"),
            RawOutput = rawOutput,
        };
    }

    private static CanonicalOutcome Fallback(string rawOutput)
    {
        var blocked = BlockedLanguage.Matches(rawOutput);
        return new CanonicalOutcome
        {
            Status = blocked ? OutcomeStatuses.Blocked : OutcomeStatuses.Completed,
            OperatorSummary = JsText.Slice(rawOutput, SummaryLimit),
            MachineStatus = blocked ? OutcomeStatuses.MachineBlocked : OutcomeStatuses.MachineOk,
            FileChanges = [],
            ArtifactPaths = [],
            FollowUpTasks = [],
            ExternalMessages = [],
            RawOutput = rawOutput,
        };
    }

    private static string InferStatus(string parsedStatus, string summary, string machineStatus, string rawOutput)
    {
        if (parsedStatus == OutcomeStatuses.Completed
            && (machineStatus == OutcomeStatuses.MachineBlocked || BlockedLanguage.Matches(summary) || BlockedLanguage.Matches(rawOutput)))
        {
            return OutcomeStatuses.Blocked;
        }

        return parsedStatus is OutcomeStatuses.Completed or OutcomeStatuses.RetryableFailure or OutcomeStatuses.PermanentFailure or OutcomeStatuses.Blocked
            ? parsedStatus
            : OutcomeStatuses.Completed;
    }

    private static List<string> FileChanges(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            return [];
        }

        return array
            .Select(item => PayloadReader.String(item)
                ?? (item is JsonObject entry ? PayloadReader.String(entry, "path") ?? PayloadReader.String(entry, "file") : null))
            .Where(JsText.IsNonBlank)
            .Select(s => s!)
            .ToList();
    }

    /// <summary>Keeps objects with string <c>kind</c>/<c>source</c> and object <c>payload</c>, rebuilt with the typed TaskInput fields only.</summary>
    private static JsonObject? FollowUpTask(JsonNode? node)
    {
        if (node is not JsonObject item
            || PayloadReader.String(item, "kind") is not { } kind
            || PayloadReader.String(item, "source") is not { } source
            || item["payload"] is not JsonObject payload)
        {
            return null;
        }

        var task = new JsonObject { ["kind"] = kind, ["source"] = source, ["payload"] = payload.DeepClone() };
        CopyString(item, task, "subject");
        CopyString(item, task, "description");
        CopyNumber(item, task, "priority");
        CopyString(item, task, "requested_profile");
        CopyString(item, task, "requested_adapter");
        CopyNumber(item, task, "max_attempts");
        CopyString(item, task, "available_at");
        if (item["schedule"] is JsonObject schedule && PayloadReader.Number(schedule["delay_minutes"]) is not null)
        {
            task["schedule"] = new JsonObject { ["delay_minutes"] = schedule["delay_minutes"]!.DeepClone() };
        }

        return task;
    }

    private static void CopyString(JsonObject from, JsonObject to, string name)
    {
        if (PayloadReader.String(from, name) is { } value)
        {
            to[name] = value;
        }
    }

    private static void CopyNumber(JsonObject from, JsonObject to, string name)
    {
        if (PayloadReader.Number(from, name) is not null)
        {
            to[name] = from[name]!.DeepClone();
        }
    }
}
