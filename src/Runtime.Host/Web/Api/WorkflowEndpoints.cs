using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary><c>/api/workflows</c> (spec §2.2 row 5): every workflow, oldest first, each raw row plus its parsed <c>context</c>.</summary>
internal static class WorkflowEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        endpoints.Map("/api/workflows", RouteHandlers.Any(_ =>
        {
            var workflows = core.InSession(s => s.Workflows.ListAll());
            return RouteHandlers.Done(JsonText.Ok(new JsonObject { ["workflows"] = new JsonArray([.. workflows.Select(w => (JsonNode?)w.ToShowJson())]) }));
        }));
    }
}
