using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Web.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRuntime.Host.Web;

/// <summary>
/// Maps the LAN API (spec §2.2 rows 2–20, without the stream). Each area's routes live in one
/// endpoint class; the reference's first-match order holds because no two of these patterns match
/// the same path except where a literal segment (<c>/api/tasks/queue</c>) beats a parameter, as the
/// reference's order had it.
/// </summary>
internal static class OperatorApi
{
    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var core = endpoints.ServiceProvider.GetRequiredService<RuntimeCore>();
        StateEndpoints.Map(endpoints, core);
        TaskEndpoints.Map(endpoints, core);
        EventEndpoints.Map(endpoints, core);
        return endpoints;
    }
}
