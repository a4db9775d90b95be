using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary><c>GET /api/events?since=&amp;limit=</c> (spec §2.10).</summary>
internal static class EventEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        endpoints.Map("/api/events", RouteHandlers.Methods(get: http =>
        {
            var events = core.Browse.ListEvents(QueryValues.Long(http.Request, "since", 0), QueryValues.ClampedInt(http.Request, "limit", 50, 1, 200));
            return RouteHandlers.Done(JsonText.Ok(new JsonObject { ["events"] = RunEventJson.ToJson(events) }));
        }));
    }
}
