using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Ollama;

/// <summary>POSTs the prompt to Ollama's <c>/api/generate</c> (spec §6.6).</summary>
internal sealed class OllamaAdapter : IAdapter
{
    /// <summary>Applies only under a host older than SDK 1.1, which passes no <see cref="ExecutionRequest.Timeout"/>.</summary>
    private static readonly TimeSpan FallbackTimeout = TimeSpan.FromMinutes(5);

    // The reference healthcheck had no limit; an unreachable host must not stall `healthcheck`.
    private static readonly TimeSpan HealthcheckLimit = TimeSpan.FromSeconds(10);
    private readonly AdapterSettings _settings;
    private readonly HttpClient _http = new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public OllamaAdapter(AdapterContext context)
    {
        _settings = new AdapterSettings(context.Settings);
    }

    private string Endpoint => _settings.GetString("endpoint") ?? "";

    private string? Model => _settings.GetString("model");

    public async Task<HealthReport> HealthcheckAsync(CancellationToken cancellationToken)
    {
        var detail = new JsonObject { ["endpoint"] = Endpoint, ["model"] = Model };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(HealthcheckLimit);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint.TrimEnd('/') + "/api/tags");
            using var response = await _http.SendAsync(request, limit.Token).ConfigureAwait(false);
            var names = new JsonArray();
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonObject>(limit.Token).ConfigureAwait(false);
                foreach (var model in body?["models"] as JsonArray ?? [])
                {
                    if (model?["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String)
                    {
                        names.Add(name.GetValue<string>());
                    }
                }
            }

            detail["available_models"] = names;
            var listed = names.Any(n => n!.GetValue<string>() == Model);
            return new HealthReport { Ok = response.IsSuccessStatusCode && listed, Detail = detail };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or UriFormatException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            detail["error"] = ex.Message;
            return new HealthReport { Ok = false, Detail = detail };
        }
    }

    /// <summary>Spec §5.6: <c>GET &lt;endpoint&gt;/api/tags</c> within 2.5 s; only a network error or a 5xx is unhealthy.</summary>
    public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken) =>
        HttpProbe.GetAsync(Endpoint.TrimEnd('/') + "/api/tags", cancellationToken);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken)
    {
        var url = Endpoint.TrimEnd('/') + "/api/generate";
        var invocation = new InvocationRecord { Driver = "ollama-generate", Command = url, Arguments = ["POST"] };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptDeadline.Start(request, _settings, FallbackTimeout).Limit);
        var body = new JsonObject { ["model"] = Model, ["prompt"] = request.Prompt, ["stream"] = false, ["format"] = "json" };
        try
        {
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(url, content, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            sink.Write(OutputChannel.Stdout, text);
            var status = (int)response.StatusCode;
            var parsed = response.IsSuccessStatusCode ? ParseObject(text) : TryParseObject(text);

            // Fixed on purpose: the reference parsed an error body first, so a 404 HTML page became
            // a retryable JSON error; a non-OK status is classified by its status, body kept as raw output.
            // A body without a response is kept as the server wrote it (already compact JSON).
            var raw = parsed is null ? text : NonEmpty(parsed["response"]) ?? NonEmpty(parsed["thinking"]) ?? text;
            return response.IsSuccessStatusCode
                ? new ExecutionResult
                {
                    RawOutput = raw, ExitStatus = ExitStatus.Ok, RetryClass = RetryClass.None, Stdout = text, LastMessage = raw,
                    Invocation = invocation, Diagnostics = new JsonObject { ["model"] = Model },
                }
                : new ExecutionResult
                {
                    RawOutput = raw, ExitStatus = ExitStatus.Error, RetryClass = status >= 500 ? RetryClass.Retryable : RetryClass.Permanent,
                    Stdout = text, LastMessage = raw, Invocation = invocation, Diagnostics = new JsonObject { ["http_status"] = status },
                };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException or InvalidOperationException or UriFormatException)
        {
            var timedOut = ex is OperationCanceledException;
            var message = timedOut ? "This operation was aborted" : ex.Message;
            return new ExecutionResult
            {
                RawOutput = message,
                ExitStatus = timedOut ? ExitStatus.Timeout : ExitStatus.Error,
                RetryClass = RetryClass.Retryable,
                Stderr = message,
                Note = timedOut ? "timeout" : null,
                Invocation = invocation,
                Diagnostics = new JsonObject { ["error"] = message },
            };
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static JsonObject ParseObject(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new JsonException("response body is not a JSON object");

    private static JsonObject? TryParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? NonEmpty(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } s ? s : null;
}
