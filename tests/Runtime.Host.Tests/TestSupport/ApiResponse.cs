using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>One HTTP response from the web server under test, read whole.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body) as JsonObject
        ?? throw new InvalidOperationException($"body is not a JSON object: {Body}");

    /// <summary>The <c>error</c> of an error body.</summary>
    public string? Error => Json["error"]?.GetValue<string>();

    public string? ContentType => ContentHeaders.ContentType?.ToString();

    public string? CacheControl => Headers.CacheControl?.ToString();

    public override string ToString() => $"{(int)Status} {Body}";
}
