using Microsoft.AspNetCore.Http;

namespace AgentRuntime.Host.Web.Api;

/// <summary>A file's bytes with its content type and cache policy (the UI's files, fonts).</summary>
internal sealed class FileBytes(byte[] content, string contentType, string cacheControl) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = cacheControl;
        response.ContentLength = content.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.Body.WriteAsync(content, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
