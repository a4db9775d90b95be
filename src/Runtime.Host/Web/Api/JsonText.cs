using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Secrets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRuntime.Host.Web.Api;

/// <summary>
/// A JSON response as the reference wrote it (spec §2.1): <c>JSON.stringify(x, null, 2)</c> through
/// <see cref="JsJson"/>, <c>application/json; charset=utf-8</c>, <c>Cache-Control: no-cache</c>.
/// No reflection serializer is involved, so the host stays trim- and AOT-clean.
/// </summary>
internal sealed class JsonText(JsonNode? body, int statusCode = StatusCodes.Status200OK) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    public JsonNode? Body => body;

    public int StatusCode => statusCode;

    /// <summary>Extra response headers (e.g. <c>WWW-Authenticate</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static JsonText Ok(JsonNode? body) => new(body);

    public static JsonText Created(JsonNode? body) => new(body, StatusCodes.Status201Created);

    /// <summary>The spec's error body <c>{ "error": message }</c>.</summary>
    public static JsonText Error(int statusCode, string message) => new(new JsonObject { ["error"] = message }, statusCode);

    public static JsonText BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static JsonText NotFound(string message = "Not Found") => Error(StatusCodes.Status404NotFound, message);

    /// <summary>The spec's 405 body: <c>{ "error": "&lt;METHOD&gt; not supported" }</c>.</summary>
    public static JsonText MethodNotAllowed(string method) => Error(StatusCodes.Status405MethodNotAllowed, $"{method} not supported");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        // Every response passes here: its secret values are masked once, whatever route built it.
        var core = httpContext.RequestServices.GetService<RuntimeCore>();
        var shown = core is null ? body : DisplayMasking.Apply(body, core.Config);
        var bytes = Encoding.UTF8.GetBytes(JsJson.Serialize(shown, pretty: true));
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.Body.WriteAsync(bytes, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
