using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Dispatch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary><c>/api/pause</c> (spec §2.4): GET the pause state, POST <c>{ paused, reason? }</c> to pause or resume dispatch.</summary>
internal static class PauseEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        endpoints.Map("/api/pause", RouteHandlers.Methods(
            get: _ => RouteHandlers.Done(JsonText.Ok(ToJson(core.Pause.Read()))),
            post: http => SetAsync(core, http)));
    }

    private static async Task<IResult> SetAsync(RuntimeCore core, HttpContext http)
    {
        var body = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        if (!body.IsValid)
        {
            return JsonText.BadRequest(body.Ambiguous ? body.Problem! : "valid JSON body is required");
        }

        if (body.Json is not JsonObject request || request["paused"]?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return JsonText.BadRequest("paused boolean is required");
        }

        var reason = request["reason"]?.GetValueKind() == JsonValueKind.String ? request["reason"]!.GetValue<string>() : null;
        var result = request["paused"]!.GetValue<bool>()
            ? await core.Pause.PauseAsync(reason, http.RequestAborted).ConfigureAwait(false)
            : await core.Pause.ResumeAsync(http.RequestAborted).ConfigureAwait(false);
        return JsonText.Ok(result.ToJson());
    }

    private static JsonObject ToJson(PauseState state) => new()
    {
        ["paused"] = state.Paused,
        ["reason"] = state.Reason,
        ["updated_at"] = state.UpdatedAt,
    };
}
