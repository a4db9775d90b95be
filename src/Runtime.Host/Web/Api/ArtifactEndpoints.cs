using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Operations;
using AgentRuntime.Host.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary>
/// <c>/api/artifacts</c> and <c>/artifacts</c> (a file or directory listing) and <c>/api/artifact</c>
/// (a file's text), any method (spec §2.11). A path that would leave <c>artifactDir</c> is
/// <c>400 invalid artifact path</c> (see <see cref="SafePath"/>).
/// </summary>
internal static class ArtifactEndpoints
{
    private const string Invalid = "invalid artifact path";

    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        var list = RouteHandlers.Any(http => RouteHandlers.Done(List(core, http.Request)));
        endpoints.Map("/api/artifacts", list);
        endpoints.Map("/artifacts", list);
        endpoints.Map("/api/artifact", RouteHandlers.Any(http => ReadAsync(core, http)));
    }

    private static JsonText List(RuntimeCore core, HttpRequest request)
    {
        var path = Resolve(core, request.Query["path"].ToString());
        return path.Status switch
        {
            PathStatus.Invalid => JsonText.BadRequest(Invalid),
            PathStatus.Missing => JsonText.BadRequest("artifact path not found"),
            _ => JsonText.Ok(ArtifactService.Describe(path.Relative, path.RealPath!, entry => Resolve(core, entry).Status == PathStatus.Found)),
        };
    }

    private static async Task<IResult> ReadAsync(RuntimeCore core, HttpContext http)
    {
        var requested = http.Request.Query["path"].ToString();
        if (requested.Length == 0)
        {
            return JsonText.BadRequest("artifact file path required");
        }

        var path = Resolve(core, requested);
        return path.Status switch
        {
            PathStatus.Invalid => JsonText.BadRequest(Invalid),
            PathStatus.Missing => JsonText.BadRequest("artifact path not found"),
            _ when Directory.Exists(path.RealPath) => JsonText.BadRequest("artifact path is not a file"),
            _ => JsonText.Ok(await ArtifactService.ReadAsync(path.Relative, path.RealPath!, EmbeddedUi.ContentType(path.RealPath!, "text/plain; charset=utf-8"), http.RequestAborted).ConfigureAwait(false)),
        };
    }

    private static ContainedPath Resolve(RuntimeCore core, string requested) =>
        SafePath.Resolve(core.Config.ArtifactDir, requested, core.Config.ArtifactDir, allowAbsolute: false);
}
