using Microsoft.AspNetCore.Http;

namespace AgentRuntime.Host.Web.Api;

/// <summary>204 with an empty body and an optional cache policy (OPTIONS, <c>/favicon.ico</c>).</summary>
internal sealed class NoContent(string? cacheControl = null) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status204NoContent;
        if (cacheControl is not null)
        {
            httpContext.Response.Headers.CacheControl = cacheControl;
        }

        return Task.CompletedTask;
    }
}
