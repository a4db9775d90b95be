using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Dispatch.Outcomes;

/// <summary>
/// The canonical outcome stored in <c>tasks.outcome_json</c> (§5.11). Optional members that are
/// null are omitted from <see cref="ToJson"/> (the reference leaves them <c>undefined</c>), so the
/// same type serves the normalized outcome and the shorter outcomes the cycle writes itself
/// (input rejection, unknown adapter, exhausted retries, cancel).
/// </summary>
internal sealed record CanonicalOutcome
{
    public required string Status { get; init; }

    public required string OperatorSummary { get; init; }

    public required string MachineStatus { get; init; }

    public IReadOnlyList<string>? FileChanges { get; init; }

    public IReadOnlyList<string>? ArtifactPaths { get; init; }

    /// <summary>Rebuilt task inputs (recorded only, never enqueued).</summary>
    public IReadOnlyList<JsonObject>? FollowUpTasks { get; init; }

    /// <summary>Plain objects (recorded only, never delivered).</summary>
    public IReadOnlyList<JsonObject>? ExternalMessages { get; init; }

    public string? WorkflowSignal { get; init; }

    public string? RawOutput { get; init; }

    public string? AttemptId { get; init; }

    public string? BundleId { get; init; }

    public string? BundleHash { get; init; }

    /// <summary>Honoured by the retry-hint extractor; never set by normalization.</summary>
    public double? RetryAfterSeconds { get; init; }

    public string? RetryHintSource { get; init; }

    /// <summary>
    /// The JSON object in the reference key order: <c>status, operator_summary, machine_status,
    /// file_changes, artifact_paths, follow_up_tasks, external_messages, workflow_signal,
    /// raw_output, attempt_id, bundle_id, bundle_hash</c> (then the retry-hint fields), null members omitted.
    /// </summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["status"] = Status,
            ["operator_summary"] = OperatorSummary,
            ["machine_status"] = MachineStatus,
        };
        AddStrings(json, "file_changes", FileChanges);
        AddStrings(json, "artifact_paths", ArtifactPaths);
        AddObjects(json, "follow_up_tasks", FollowUpTasks);
        AddObjects(json, "external_messages", ExternalMessages);
        AddString(json, "workflow_signal", WorkflowSignal);
        AddString(json, "raw_output", RawOutput);
        AddString(json, "attempt_id", AttemptId);
        AddString(json, "bundle_id", BundleId);
        AddString(json, "bundle_hash", BundleHash);
        if (RetryAfterSeconds is { } after)
        {
            json["retry_after_seconds"] = after;
        }

        AddString(json, "retry_hint_source", RetryHintSource);
        return json;
    }

    private static void AddString(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static void AddStrings(JsonObject json, string name, IReadOnlyList<string>? values)
    {
        if (values is not null)
        {
            json[name] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
    }

    private static void AddObjects(JsonObject json, string name, IReadOnlyList<JsonObject>? values)
    {
        if (values is not null)
        {
            json[name] = new JsonArray([.. values.Select(v => (JsonNode?)v.DeepClone())]);
        }
    }
}
