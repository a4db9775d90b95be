using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Operations;
using AgentRuntime.Host.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary>
/// <c>/api/snapshots</c> and <c>/snapshots</c>, <c>/api/snapshot?path=</c>, <c>/api/report?before=&amp;after=</c>
/// and <c>/api/report/latest</c>, any method (spec §2.12). A snapshot path (absolute, or relative to
/// the server's working directory) must stay in <c>&lt;artifactDir&gt;/snapshots</c>.
/// </summary>
internal static class SnapshotEndpoints
{
    private const string Invalid = "invalid snapshot path";

    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        var library = new SnapshotLibrary(core.Config.ArtifactDir);
        var list = RouteHandlers.Any(_ => RouteHandlers.Done(
            JsonText.Ok(new JsonObject { ["snapshots"] = new JsonArray([.. library.List().Select(s => (JsonNode?)s.ToJson())]) })));
        endpoints.Map("/api/snapshots", list);
        endpoints.Map("/snapshots", list);
        endpoints.Map("/api/snapshot", RouteHandlers.Any(http => RouteHandlers.Done(Read(core, library, http.Request))));
        endpoints.Map("/api/report", RouteHandlers.Any(http => RouteHandlers.Done(Report(core, library, http.Request))));
        endpoints.Map("/api/report/latest", RouteHandlers.Any(_ => RouteHandlers.Done(JsonText.Ok(new JsonObject { ["report"] = library.CompareLatest() }))));
    }

    private static JsonText Read(RuntimeCore core, SnapshotLibrary library, HttpRequest request)
    {
        var requested = request.Query["path"].ToString();
        if (requested.Length == 0)
        {
            return JsonText.BadRequest("snapshot path required");
        }

        return Load(core, library, requested, out var snapshot) is { } error ? error : JsonText.Ok(snapshot);
    }

    private static JsonText Report(RuntimeCore core, SnapshotLibrary library, HttpRequest request)
    {
        var before = request.Query["before"].ToString();
        var after = request.Query["after"].ToString();
        if (before.Length == 0 || after.Length == 0)
        {
            return JsonText.BadRequest("before and after snapshot paths are required");
        }

        return Load(core, library, before, out var first) ?? Load(core, library, after, out var second)
            ?? JsonText.Ok(SnapshotService.Compare(first!, second!));
    }

    /// <summary>Null with the snapshot loaded, else the error to answer.</summary>
    private static JsonText? Load(RuntimeCore core, SnapshotLibrary library, string requested, out JsonObject? snapshot)
    {
        snapshot = null;
        var path = SafePath.Resolve(library.Folder, requested, core.WorkingDirectory, allowAbsolute: true);
        if (path.Status == PathStatus.Invalid)
        {
            return JsonText.BadRequest(Invalid);
        }

        if (path.Status == PathStatus.Missing || Directory.Exists(path.RealPath))
        {
            return JsonText.BadRequest("snapshot not found");
        }

        snapshot = SnapshotLibrary.TryRead(path.RealPath!);
        return snapshot is null ? JsonText.BadRequest("snapshot is not a JSON object") : null;
    }
}
