using AgentRuntime.Host.Resident;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// In <c>serve</c> with the web server: a write through <c>/api/*</c> that succeeded (a task
/// queued, a cancel, a schedule or sensor event recorded, pause or resume) wakes the dispatcher
/// at once, instead of at its next look at <c>PRAGMA data_version</c>. Added in front of the
/// operator pipeline, so it sees the final status of every request, including refused ones.
/// </summary>
internal sealed class WebWriteWake(ResidentDispatcher dispatcher) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, call) =>
        {
            await call(context).ConfigureAwait(false);
            if (IsWrite(context.Request) && context.Response.StatusCode < StatusCodes.Status400BadRequest)
            {
                dispatcher.Wake();
            }
        });
        next(app);
    };

    private static bool IsWrite(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
        && request.Path.StartsWithSegments("/api", StringComparison.Ordinal);
}
