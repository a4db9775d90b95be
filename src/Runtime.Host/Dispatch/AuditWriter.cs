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
        File.WriteAllText(paths.Invocation, JsJson.Serialize(document, pretty: true));
        File.WriteAllText(paths.Prompt, context.Prompt);
        File.WriteAllText(paths.Stdout, result.Stdout);
        File.WriteAllText(paths.Stderr, result.Stderr);
        File.WriteAllText(paths.LastMessage, result.LastMessage);

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
            File.WriteAllText(paths.Result, JsJson.Serialize(resultDocument, pretty: true));
        }

        return paths;
    }
}
