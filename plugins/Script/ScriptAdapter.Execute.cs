using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Script;

internal sealed partial class ScriptAdapter
{
    /// <summary>Applies only under a host older than SDK 1.1, which passes no <see cref="ExecutionRequest.Timeout"/>.</summary>
    private static readonly TimeSpan FallbackTimeout = TimeSpan.FromMinutes(10);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken)
    {
        var deadline = AttemptDeadline.Start(request, _settings, FallbackTimeout);
        var command = _settings.GetString("command") ?? "";
        var cwd = _settings.GetString("workingDir") ?? request.Paths.WorkingDirectory;
        var args = _settings.GetStringArray("extraArgs").Concat(PayloadArgs(request.Task.Payload)).ToList();

        var env = AdapterEnvironment.Load(_settings);
        env["AGENT_RUNTIME_NAME"] = request.RuntimeName;
        env["AGENT_RUNTIME_TASK_ID"] = request.Task.TaskId;
        env["AGENT_RUNTIME_ATTEMPT_ID"] = request.AttemptId;
        env["AGENT_RUNTIME_ARTIFACT_DIR"] = Path.GetFullPath(request.Paths.ArtifactDirectory);
        env["AGENT_RUNTIME_STATE_DIR"] = Path.GetFullPath(request.Paths.StateDirectory);
        env["AGENT_RUNTIME_TASK_PAYLOAD_JSON"] = PayloadText(request.Task);
        var resolved = await _credentials.ResolveAsync(env, cancellationToken).ConfigureAwait(false);
        var secrets = CredentialResolver.ResolvedSecrets(env, resolved);
        var masker = new SecretMasker().AddRange(secrets);

        // Spec §6.1 / Appendix B 31: the script records the env after resolution; the host redacts by
        // name and masks the values it knows; resolved credentials are masked here.
        var invocation = new InvocationRecord
        {
            Driver = "script", Command = command, Arguments = args, WorkingDirectory = cwd,
            Environment = resolved.ToDictionary(p => p.Key, p => masker.Apply(p.Value), StringComparer.Ordinal),
        };
        var outcome = await _runner.RunAsync(
            new ProcessSpec
            {
                Command = command, Arguments = args, WorkingDirectory = cwd, Environment = resolved, Timeout = deadline.Remaining, Secrets = secrets,
                AttemptId = request.AttemptId,
            },
            sink,
            cancellationToken).ConfigureAwait(false);

        return ProcessResults.From(outcome, new ProcessEvidence
        {
            Invocation = invocation,
            Diagnostics = new JsonObject { ["command"] = command, ["args"] = new JsonArray(args.Select(a => (JsonNode?)a).ToArray()), ["cwd"] = cwd },
            TimeoutText = "script timed out",
            LastMessage = () => ProcessResults.FirstNonEmpty(outcome.Stdout, outcome.Stderr),
            SpawnErrorInDiagnostics = true,
        });
    }

    /// <summary>
    /// The host's <c>JSON.stringify</c> text of the payload (SDK 1.1). A host older than 1.1 sends
    /// none; the payload is then serialized here, as valid JSON but not byte-identical to the reference.
    /// </summary>
    private static string PayloadText(TaskSnapshot task) => task.PayloadJson ?? JsonSerializer.Serialize(task.Payload);

    private static IEnumerable<string> PayloadArgs(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array
            ? args.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)
            : [];
}
