using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AcmeAgentPlugin;

/// <summary>Healthy when its <c>command</c> exists; a run answers with a canonical outcome without launching anything.</summary>
internal sealed class AcmeAgentAdapter(AdapterContext context) : IAdapter
{
    private string? Command =>
        context.Settings.TryGetProperty("command", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public Task<HealthReport> HealthcheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new HealthReport
        {
            Ok = Command is { } command && File.Exists(command),
            Detail = new JsonObject { ["driver"] = "acme-agent", ["command"] = Command },
        });

    public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ProbeResult { Ok = Command is { } command && File.Exists(command) });

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken)
    {
        var text = new JsonObject
        {
            ["status"] = "completed", ["operator_summary"] = "acme-agent did it", ["machine_status"] = "ok",
            ["file_changes"] = new JsonArray(), ["artifact_paths"] = new JsonArray(),
        }.ToJsonString();
        return Task.FromResult(new ExecutionResult
        {
            RawOutput = text, ExitStatus = ExitStatus.Ok, RetryClass = RetryClass.None, Stdout = text, LastMessage = text,
            Invocation = new InvocationRecord { Driver = "acme-agent", Command = Command ?? "" },
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
