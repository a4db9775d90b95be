using AgentRuntime.Host.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace AgentRuntime.Host.Web;

/// <summary>
/// What runs around every route: <c>OPTIONS</c> on any path is 204 (spec §2.2 row 1); a body over
/// the limit is <c>413</c>; an unexpected exception is logged and answered
/// <c>500 { "error": "internal error" }</c>, never with a stack trace.
/// </summary>
internal static class OperatorPipeline
{
    public static IApplicationBuilder UseOperatorPipeline(this IApplicationBuilder app, ILogger log, long maxRequestBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (http, next) =>
        {
            if (HttpMethods.IsOptions(http.Request.Method))
            {
                await new NoContent().ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            try
            {
                await next(http).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !http.Response.HasStarted)
            {
                await RequestBody.TooLarge(maxRequestBodyBytes).ExecuteAsync(http).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                // The client went away (or the server is stopping); there is no one to answer.
            }
            catch (Exception ex) when (!http.Response.HasStarted)
            {
                log.Error(ex, "Web request {Method} {Path} failed", http.Request.Method, http.Request.Path.Value);
                await JsonText.Error(StatusCodes.Status500InternalServerError, "internal error").ExecuteAsync(http).ConfigureAwait(false);
            }
        });
    }
}
