using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using Microsoft.AspNetCore.Http;

namespace AgentRuntime.Host.Web.Api;

/// <summary>
/// Reads a request's JSON body. Kestrel enforces the size limit while the body is read; a bad body
/// is a value here (<see cref="Problem"/>), so no route turns malformed JSON into a 500.
/// </summary>
internal sealed record RequestBody(JsonNode? Json, string? Problem, bool Empty)
{
    public bool IsValid => Problem is null;

    /// <summary>
    /// JSON a lenient reader would take but the host refuses (a repeated key, a lone surrogate).
    /// Routes that read an unreadable body as "none" (tick, cancel) or answer the reference's
    /// generic message (pause, queue) refuse it with <see cref="Problem"/> instead, naming the key.
    /// </summary>
    public bool Ambiguous { get; private init; }

    public static async Task<RequestBody> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        string text;
        try
        {
            text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            return new RequestBody(null, "request body is not valid UTF-8", Empty: false);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new RequestBody(null, "request body is empty", Empty: true);
        }

        try
        {
            return new RequestBody(JsJson.Parse(text), null, Empty: false);
        }
        catch (StrictJsonException ex)
        {
            return new RequestBody(null, $"invalid JSON: {ex.Message}", Empty: false) { Ambiguous = true };
        }
        catch (JsonException ex)
        {
            return new RequestBody(null, $"invalid JSON: {ex.Message}", Empty: false);
        }
    }

    /// <summary><c>413 { "error": "request body too large (limit N bytes)" }</c>.</summary>
    public static JsonText TooLarge(long limit) =>
        JsonText.Error(StatusCodes.Status413PayloadTooLarge, $"request body too large (limit {limit} bytes)");
}
