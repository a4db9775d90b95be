using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary><c>/api/sensors/events</c> (spec §2.6): GET the latest events, POST one to ingest (201 accepted, 200 deduped).</summary>
internal static class SensorEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        endpoints.Map("/api/sensors/events", RouteHandlers.Methods(
            get: http => RouteHandlers.Done(List(core, http.Request)),
            post: http => IngestAsync(core, http)));
    }

    private static JsonText List(RuntimeCore core, HttpRequest request)
    {
        var limit = QueryValues.ClampedInt(request, "limit", 50, 1, 200);
        var events = core.InSession(s => s.Sensors.ListRecent(limit));
        return JsonText.Ok(new JsonObject { ["events"] = new JsonArray([.. events.Select(e => (JsonNode?)e.ToJson())]) });
    }

    private static async Task<IResult> IngestAsync(RuntimeCore core, HttpContext http)
    {
        var body = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return JsonText.BadRequest(body.Problem!);
        }

        var result = core.InSession(s => s.Sensors.Ingest(body.Json));
        return new JsonText(result.ToJson(), result.Accepted ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
