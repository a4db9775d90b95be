using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// One attempt as the attempt view shows it. Every path in <c>bundle</c> and <c>audit</c> is
/// relative to <c>artifactDir</c> with forward slashes, so the UI opens it with
/// <c>/api/artifact?path=</c>; the audit paths are where the attempt writes (or will write) them,
/// also while it runs.
/// </summary>
internal static class AttemptJson
{
    public static JsonObject ToJson(AttemptRecord attempt, BundleFiles? bundle, bool cancelRequested, string artifactDir)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var audit = AuditWriter.PathsFor(artifactDir, attempt.TaskId, attempt.AttemptId);
        return new JsonObject
        {
            ["attempt_id"] = attempt.AttemptId,
            ["adapter_id"] = attempt.AdapterId,
            ["status"] = attempt.Status,
            ["exit_status"] = attempt.ExitStatus,
            ["retry_class"] = attempt.RetryClass,
            ["started_at"] = IsoTime.ToIso(attempt.StartedAt),
            ["finished_at"] = IsoTime.ToIso(attempt.EndedAt),
            ["duration_ms"] = attempt.EndedAt is { } ended ? (long)(ended - attempt.StartedAt).TotalMilliseconds : null,
            ["diagnostics"] = attempt.Diagnostics?.DeepClone(),
            ["cancel_requested"] = cancelRequested,
            ["bundle"] = bundle is null
                ? null
                : new JsonObject
                {
                    ["bundle_id"] = bundle.BundleId,
                    ["sha256"] = bundle.Sha256,
                    ["json_path"] = bundle.JsonPath,
                    ["prompt_path"] = bundle.PromptPath,
                },
            ["audit"] = new JsonObject
            {
                ["dir"] = Relative(artifactDir, audit.Directory),
                ["invocation"] = Relative(artifactDir, audit.Invocation),
                ["prompt"] = Relative(artifactDir, audit.Prompt),
                ["stdout"] = Relative(artifactDir, audit.Stdout),
                ["stderr"] = Relative(artifactDir, audit.Stderr),
                ["last_message"] = Relative(artifactDir, audit.LastMessage),
                ["result"] = Relative(artifactDir, audit.Result),
            },
        };
    }

    private static string Relative(string artifactDir, string path) => Path.GetRelativePath(artifactDir, path).Replace('\\', '/');
}
