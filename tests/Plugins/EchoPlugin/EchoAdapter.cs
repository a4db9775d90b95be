using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace EchoPlugin;

internal sealed class EchoAdapter(AdapterContext context) : IAdapter
{
    public Task<HealthReport> HealthcheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new HealthReport { Ok = true, Detail = new JsonObject { ["echo"] = context.AdapterId, ["greeting"] = Greeting } });

    public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(new ProbeResult { Ok = true });

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken)
    {
        var outcome = new JsonObject
        {
            ["status"] = "completed",
            ["operator_summary"] = $"{Greeting}: echoed task {request.Task.Kind} with {request.Prompt.Length} prompt chars",
            ["machine_status"] = "ok",
            ["file_changes"] = new JsonArray(),
            ["artifact_paths"] = new JsonArray(),
            ["follow_up_tasks"] = new JsonArray(),
            ["external_messages"] = new JsonArray(),
        };
        var text = outcome.ToJsonString();
        sink.Write(OutputChannel.Stdout, text);
        return Task.FromResult(new ExecutionResult
        {
            RawOutput = text,
            ExitStatus = ExitStatus.Ok,
            RetryClass = RetryClass.None,
            Stdout = text,
            LastMessage = text,
            Invocation = new InvocationRecord { Driver = "echo", Command = "echo", Arguments = [request.Task.TaskId] },
        });
    }

    private string Greeting => context.Settings.TryGetProperty("greeting", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString()! : "echo";

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
