using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary><c>/api/state</c> (spec §2.3) and <c>/api/heartbeat</c>: any method.</summary>
internal static class StateEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        endpoints.Map("/api/state", RouteHandlers.Any(async http =>
            JsonText.Ok((await core.Dashboard.ReadAsync(http.RequestAborted).ConfigureAwait(false)).ToJson())));
        endpoints.Map("/api/heartbeat", RouteHandlers.Any(_ =>
            RouteHandlers.Done(JsonText.Ok(new JsonObject { ["ok"] = true, ["latency_ms"] = 0 }))));
    }
}
