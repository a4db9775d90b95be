using AgentRuntime.Host.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRuntime.Host.Web.Api;

/// <summary>
/// Turns typed handlers into request delegates without reflection (the host is trim/AOT-checked).
/// Every POST passes <see cref="WriteAccess"/> first. A route answers the methods the spec gives it and <c>405 { "error": "&lt;METHOD&gt; not supported" }</c>
/// to the rest, as the reference's routing did.
/// </summary>
internal static class RouteHandlers
{
    /// <summary>A route that answers every method the same way.</summary>
    public static RequestDelegate Any(Func<HttpContext, Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return async http => await (await handler(http).ConfigureAwait(false)).ExecuteAsync(http).ConfigureAwait(false);
    }

    /// <summary>A route that answers GET and/or POST; any other method is a 405.</summary>
    public static RequestDelegate Methods(Func<HttpContext, Task<IResult>>? get = null, Func<HttpContext, Task<IResult>>? post = null) =>
        Any(http => http.Request.Method switch
        {
            "GET" when get is not null => get(http),
            "POST" when post is not null => Write(http, post),
            var method => Task.FromResult<IResult>(JsonText.MethodNotAllowed(method)),
        });

    /// <summary>Every POST the API answers is a write: it runs only if <see cref="WriteAccess"/> lets it.</summary>
    private static Task<IResult> Write(HttpContext http, Func<HttpContext, Task<IResult>> handler) =>
        http.RequestServices.GetRequiredService<WriteAccess>().Check(http.Request) is { } refusal ? Task.FromResult(refusal) : handler(http);

    /// <summary>A synchronous handler as a task.</summary>
    public static Task<IResult> Done(IResult result) => Task.FromResult(result);
}
