using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary><c>GET /api/tasks</c> (spec §2.9, with <c>requested_adapter</c> and <c>adapter</c>).</summary>
internal static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        endpoints.Map("/api/tasks", RouteHandlers.Methods(get: http => RouteHandlers.Done(List(core, http.Request))));
    }

    private static JsonText List(RuntimeCore core, HttpRequest request)
    {
        var tasks = core.Browse.ListTasks(QueryValues.ClampedInt(request, "limit", 20, 1, 200), QueryValues.Text(request, "status"));
        return JsonText.Ok(new JsonObject { ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode?)TaskSummaryJson.ToJson(t))]) });
    }
}
