using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary><c>GET /api/attempts/{attemptId}/output?channel=stdout|stderr&amp;offset=</c>: the live output the UI polls while an attempt runs.</summary>
internal static class AttemptEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        endpoints.Map("/api/attempts/{attemptId}/output", RouteHandlers.Methods(get: http => OutputAsync(core, http)));
    }

    private static async Task<IResult> OutputAsync(RuntimeCore core, HttpContext http)
    {
        var attemptId = (string)http.Request.RouteValues["attemptId"]!;
        var channel = QueryValues.Text(http.Request, "channel") ?? "stdout";
        if (!AttemptService.Channels.Contains(channel))
        {
            return JsonText.BadRequest("channel must be stdout or stderr");
        }

        var offset = QueryValues.Long(http.Request, "offset", 0);
        if (offset < 0)
        {
            return JsonText.BadRequest("offset must be a byte offset of 0 or more");
        }

        var output = await core.Attempts.ReadOutputAsync(attemptId, channel, offset, http.RequestAborted).ConfigureAwait(false);
        return output is null ? JsonText.NotFound($"attempt not found: {attemptId}") : JsonText.Ok(output.ToJson());
    }
}
