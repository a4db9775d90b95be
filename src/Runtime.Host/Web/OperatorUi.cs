using AgentRuntime.Host.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web;

/// <summary>
/// Maps the page and its files (spec §2.2 rows 22–25): <c>/fonts/…</c>, <c>/favicon.ico</c>,
/// <c>/</c> and <c>/index.html</c>, then any other path as a file of the embedded UI, else
/// <c>404 { "error": "Not Found" }</c>. HTML is <c>no-cache</c>, other files <c>public, max-age=300</c>,
/// fonts <c>public, max-age=86400</c>.
/// </summary>
internal static class OperatorUi
{
    private const string LongCache = "public, max-age=86400";

    public static IEndpointRouteBuilder MapOperatorUi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var ui = EmbeddedUi.Load();
        endpoints.Map("/fonts/{**path}", RouteHandlers.Any(http => RouteHandlers.Done(Font(ui, http.Request.RouteValues["path"] as string))));
        endpoints.Map("/favicon.ico", RouteHandlers.Any(_ => RouteHandlers.Done(new NoContent(LongCache))));
        endpoints.Map("/", RouteHandlers.Any(_ => RouteHandlers.Done(File(ui, "index.html"))));
        endpoints.Map("/index.html", RouteHandlers.Any(_ => RouteHandlers.Done(File(ui, "index.html"))));

        // The lowest-priority route: whatever no other route matched.
        endpoints.Map("{**path}", RouteHandlers.Any(http => RouteHandlers.Done(File(ui, http.Request.RouteValues["path"] as string))))
            .WithOrder(int.MaxValue);
        return endpoints;
    }

    private static IResult Font(EmbeddedUi ui, string? path) =>
        path is { Length: > 0 } && ui.Find("fonts/" + path) is { } bytes
            ? new FileBytes(bytes, EmbeddedUi.ContentType(path), LongCache)
            : JsonText.NotFound();

    private static IResult File(EmbeddedUi ui, string? path) =>
        path is { Length: > 0 } && !path.StartsWith("fonts/", StringComparison.Ordinal) && ui.Find(path) is { } bytes
            ? new FileBytes(bytes, EmbeddedUi.ContentType(path), path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? "no-cache" : "public, max-age=300")
            : JsonText.NotFound();
}
