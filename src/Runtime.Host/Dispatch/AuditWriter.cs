using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// Writes the attempt's audit directory <c>adapter-runs/&lt;task&gt;/&lt;attempt&gt;/</c> from the
/// adapter's returned evidence, for every adapter kind. Plugins never write these files.
/// </summary>
internal static class AuditWriter
{
    public static AuditPaths PathsFor(string artifactDir, string taskId, string attemptId) =>
        new(Path.Combine(artifactDir, "adapter-runs", taskId, attemptId));

    public static AuditPaths Write(AuditPaths paths, AuditContext context, ExecutionResult result)
    {
        Directory.CreateDirectory(paths.Directory);
        var invocation = result.Invocation;
        var env = new JsonObject();
        foreach (var (name, value) in invocation?.Environment ?? new Dictionary<string, string>())
        {
            env[name] = SecretRedaction.Redact(name, value);
        }

        var document = new JsonObject
        {
            ["task_id"] = context.TaskId,
            ["attempt_id"] = context.AttemptId,
            ["bundle_id"] = context.BundleId,
            ["adapter_id"] = context.AdapterId,
            ["driver"] = invocation?.Driver ?? context.Kind,
            ["command"] = invocation?.Command,
            ["args"] = new JsonArray((invocation?.Arguments ?? []).Select(a => (JsonNode?)a).ToArray()),
            ["cwd"] = invocation?.WorkingDirectory,
            ["env"] = env,
            ["note"] = result.Note,
        };
        WriteFile(paths.Invocation, JsJson.Serialize(document, pretty: true));
        WriteFile(paths.Prompt, context.Prompt);
        WriteFile(paths.Stdout, result.Stdout);
        WriteFile(paths.Stderr, result.Stderr);
        WriteFile(paths.LastMessage, result.LastMessage);

        // As in the reference, a timed-out run has no result.json, though its path is still reported.
        if (result.ExitStatus != ExitStatus.Timeout)
        {
            var resultDocument = new JsonObject
            {
                ["rawOutput"] = result.RawOutput,
                ["exitStatus"] = AttemptValues.ToText(result.ExitStatus),
                ["retryClass"] = AttemptValues.ToText(result.RetryClass),
                ["diagnostics"] = result.Diagnostics?.DeepClone() ?? new JsonObject(),
            };
            WriteFile(paths.Result, JsJson.Serialize(resultDocument, pretty: true));
        }

        return paths;
    }

    /// <summary>
    /// Writes one audit file whole or not at all. On a full disk the write stops part way, and the
    /// partial file (an adapter's output can be larger than the space left) would keep the disk full:
    /// the failure of the attempt could then not be recorded in the database either, and the task
    /// would stay <c>running</c>. So the partial file is removed before the failure goes on.
    /// </summary>
    private static void WriteFile(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
        }
        catch (IOException)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The original failure is the one to report.
            }

            throw;
        }
    }
}
