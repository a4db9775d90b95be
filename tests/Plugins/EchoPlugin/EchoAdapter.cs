using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace EchoPlugin;

internal sealed class EchoAdapter(AdapterContext context) : IAdapter
{
    public Task<HealthReport> HealthcheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new HealthReport { Ok = true, Detail = new JsonObject { ["echo"] = context.AdapterId, ["greeting"] = Greeting } });

    public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(new ProbeResult { Ok = true });

    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken)
    {
        // Test behaviours, chosen by the adapter entry's "behavior" setting.
        var secret = "";
        switch (Setting("behavior"))
        {
            case "throw":
                throw new InvalidOperationException("echo adapter was told to throw");
            case "hang":
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
                break;
            case "raw":
                var raw = Setting("raw") ?? "";
                return new ExecutionResult { RawOutput = raw, ExitStatus = ExitStatus.Ok, RetryClass = RetryClass.None, Stdout = raw, LastMessage = raw };
            case "vault":
                // A credential only the plugin knows (as if fetched from a vault), declared before it is printed.
                secret = Vault(Setting("vaultSeed") ?? "seed");
                sink.RegisterSecret(secret);
                sink.Write(OutputChannel.Stdout, $"fetched {secret}");
                sink.Write(OutputChannel.Stderr, $"as base64 {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret))}");
                break;
        }

        var outcome = new JsonObject
        {
            ["status"] = "completed",
            ["operator_summary"] = $"{Greeting}: echoed task {request.Task.Kind} with {request.Prompt.Length} prompt chars{(secret.Length > 0 ? " using " + secret : "")}",
            ["machine_status"] = "ok",
            ["file_changes"] = new JsonArray(),
            ["artifact_paths"] = new JsonArray(),
            ["follow_up_tasks"] = new JsonArray(),
            ["external_messages"] = new JsonArray(),
        };
        var text = outcome.ToJsonString();
        sink.Write(OutputChannel.Stdout, text);
        return new ExecutionResult
        {
            RawOutput = text,
            ExitStatus = ExitStatus.Ok,
            RetryClass = RetryClass.None,
            Stdout = text,
            LastMessage = text,
            Invocation = new InvocationRecord { Driver = "echo", Command = "echo", Arguments = secret.Length > 0 ? [request.Task.TaskId, secret] : [request.Task.TaskId] },
        };
    }

    private string Greeting => Setting("greeting") ?? "echo";

    /// <summary>The "vault" behaviour's secret: derived from the seed, so it appears in no config or input.</summary>
    public static string Vault(string seed) => $"vault-{new string([.. seed.Reverse()])}-{seed.Length * 7919}";

    private string? Setting(string name) =>
        context.Settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
