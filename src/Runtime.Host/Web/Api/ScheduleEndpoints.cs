using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary><c>/api/schedules</c> (GET list, POST upsert) and <c>POST /api/schedules/tick</c> (spec §2.5).</summary>
internal static class ScheduleEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        endpoints.Map("/api/schedules", RouteHandlers.Methods(
            get: _ => RouteHandlers.Done(List(core)),
            post: http => UpsertAsync(core, http)));
        endpoints.Map("/api/schedules/tick", RouteHandlers.Methods(post: http => TickAsync(core, http)));
    }

    private static JsonText List(RuntimeCore core)
    {
        var schedules = core.InSession(s => s.Schedules.List());
        return JsonText.Ok(new JsonObject { ["schedules"] = new JsonArray([.. schedules.Select(s => (JsonNode?)s.ToJson())]) });
    }

    private static async Task<IResult> UpsertAsync(RuntimeCore core, HttpContext http)
    {
        var body = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return JsonText.BadRequest(body.Problem!);
        }

        var upsert = core.InSession(s => s.Schedules.Upsert(body.Json));
        return JsonText.Created(new JsonObject { ["ok"] = true, ["schedule"] = upsert.Schedule.ToJson() });
    }

    /// <summary>
    /// An absent or unreadable body means "now", as in the reference; an <c>at</c> that is not a
    /// date is a 400 here (the reference let it escape as a 500).
    /// </summary>
    private static async Task<IResult> TickAsync(RuntimeCore core, HttpContext http)
    {
        var body = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        if (body.Ambiguous)
        {
            return JsonText.BadRequest(body.Problem!);
        }

        DateTimeOffset? at = null;
        if (body.Json is JsonObject request && request["at"] is { } value)
        {
            if (value.GetValueKind() != JsonValueKind.String || !IsoTime.TryParse(value.GetValue<string>(), out var instant))
            {
                return JsonText.BadRequest($"at: expected a date such as 2026-04-29T10:05:00.000Z, got {JsJson.Serialize(value)}");
            }

            at = instant;
        }

        return JsonText.Ok(core.InSession(s => s.Schedules.Tick(at)).ToJson());
    }
}
