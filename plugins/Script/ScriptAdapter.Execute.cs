using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Script;

internal sealed partial class ScriptAdapter
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken)
    {
        var command = _settings.GetString("command") ?? "";
        var cwd = _settings.GetString("workingDir") ?? request.Paths.WorkingDirectory;
        var args = _settings.GetStringArray("extraArgs").Concat(PayloadArgs(request.Task.Payload)).ToList();

        var env = AdapterEnvironment.Load(_settings);
        env["AGENT_RUNTIME_NAME"] = request.RuntimeName;
        env["AGENT_RUNTIME_TASK_ID"] = request.Task.TaskId;
        env["AGENT_RUNTIME_ATTEMPT_ID"] = request.AttemptId;
        env["AGENT_RUNTIME_ARTIFACT_DIR"] = Path.GetFullPath(request.Paths.ArtifactDirectory);
        env["AGENT_RUNTIME_STATE_DIR"] = Path.GetFullPath(request.Paths.StateDirectory);
        env["AGENT_RUNTIME_TASK_PAYLOAD_JSON"] = JsonSerializer.Serialize(request.Task.Payload, CompactJson.Options);
        var resolved = await _credentials.ResolveAsync(env, cancellationToken).ConfigureAwait(false);

        // Spec §6.1 / Appendix B 31: the script records the env after resolution; the host redacts by name.
        var invocation = new InvocationRecord
        {
            Driver = "script", Command = command, Arguments = args, WorkingDirectory = cwd,
            Environment = new Dictionary<string, string>(resolved, StringComparer.Ordinal),
        };
        var diagnostics = new JsonObject { ["command"] = command, ["args"] = CompactJson.Array(args), ["cwd"] = cwd };

        var outcome = await _runner.RunAsync(
            new ProcessSpec { Command = command, Arguments = args, WorkingDirectory = cwd, Environment = resolved, Timeout = _settings.Timeout(DefaultTimeout) },
            sink,
            cancellationToken).ConfigureAwait(false);

        return outcome.End switch
        {
            ProcessEnd.SpawnFailed => new ExecutionResult
            {
                RawOutput = outcome.Stderr, ExitStatus = ExitStatus.Error, RetryClass = RetryClass.Permanent,
                Diagnostics = Add(diagnostics, ("error", outcome.SpawnError)), Invocation = invocation,
                Stderr = outcome.Stderr, Note = "spawn_error",
            },
            ProcessEnd.TimedOut => new ExecutionResult
            {
                RawOutput = FirstNonEmpty(outcome.Stderr, outcome.Stdout, "script timed out"),
                ExitStatus = ExitStatus.Timeout, RetryClass = RetryClass.Retryable, Diagnostics = diagnostics,
                Invocation = invocation, Stdout = outcome.Stdout, Stderr = outcome.Stderr,
                LastMessage = FirstNonEmpty(outcome.Stdout, outcome.Stderr, ""), Note = "timeout",
            },
            _ => new ExecutionResult
            {
                RawOutput = FirstNonEmpty(outcome.Stdout, outcome.Stderr, ""),
                ExitStatus = outcome.ExitCode == 0 ? ExitStatus.Ok : ExitStatus.Error,
                RetryClass = outcome.ExitCode == 0 ? RetryClass.None : RetryClass.Retryable,
                Diagnostics = Add(diagnostics, ("exit_code", outcome.ExitCode), ("stdout", outcome.Stdout), ("stderr", outcome.Stderr)),
                Invocation = invocation, Stdout = outcome.Stdout, Stderr = outcome.Stderr,
                LastMessage = FirstNonEmpty(outcome.Stdout, outcome.Stderr, ""),
            },
        };
    }

    private static IEnumerable<string> PayloadArgs(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array
            ? args.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)
            : [];

    private static string FirstNonEmpty(string first, string second, string fallback) =>
        first.Length > 0 ? first : second.Length > 0 ? second : fallback;

    private static JsonObject Add(JsonObject target, params (string Key, JsonNode? Value)[] entries)
    {
        foreach (var (key, value) in entries)
        {
            target[key] = value;
        }

        return target;
    }
}
