using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Operations;
using AgentRuntime.Host.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentRuntime.Host.Web.Api;

/// <summary>
/// <c>POST /api/tasks/queue</c> (spec §2.7), <c>POST /api/tasks/{id}/cancel</c> (§2.8),
/// <c>GET /api/tasks</c> (§2.9, with <c>requested_adapter</c> and <c>adapter</c>) and the added
/// <c>GET /api/tasks/{id}</c> (the task with its attempts).
/// </summary>
internal static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, RuntimeCore core)
    {
        endpoints.Map("/api/tasks/queue", RouteHandlers.Methods(post: http => QueueAsync(core, http)));
        endpoints.Map("/api/tasks/{id}/cancel", RouteHandlers.Methods(post: http => CancelAsync(core, http)));
        endpoints.Map("/api/tasks", RouteHandlers.Methods(get: http => RouteHandlers.Done(List(core, http.Request))));
        endpoints.Map("/api/tasks/{id}", RouteHandlers.Methods(get: http => RouteHandlers.Done(Detail(core, Id(http)))));
    }

    private static string Id(HttpContext http) => (string)http.Request.RouteValues["id"]!;

    private static async Task<IResult> QueueAsync(RuntimeCore core, HttpContext http)
    {
        var body = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        if (body.Ambiguous)
        {
            return JsonText.BadRequest(body.Problem!);
        }

        if (body.Json is not JsonObject request)
        {
            return JsonText.BadRequest("valid JSON body is required");
        }

        return JsonText.Created((await core.OperatorTasks.QueueAsync(request, http.RequestAborted).ConfigureAwait(false)).ToJson());
    }

    /// <summary>An absent or unreadable body means no reason, as in the reference.</summary>
    private static async Task<IResult> CancelAsync(RuntimeCore core, HttpContext http)
    {
        var body = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        if (body.Ambiguous)
        {
            return JsonText.BadRequest(body.Problem!);
        }

        var reason = body.Json is JsonObject request && request["reason"]?.GetValueKind() == JsonValueKind.String ? request["reason"]!.GetValue<string>() : null;
        var result = await core.Cancel.CancelAsync(Id(http), reason, http.RequestAborted).ConfigureAwait(false);

        // Ended: 200. A running attempt that has not stopped within the service's wait: 202, the request stays recorded.
        return new JsonText(result.ToJson(), result.CancelRequested ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    private static JsonText List(RuntimeCore core, HttpRequest request)
    {
        var tasks = core.Browse.ListTasks(QueryValues.ClampedInt(request, "limit", 20, 1, 200), QueryValues.Text(request, "status"));
        var names = SecretSources.Names(core.Config);
        return JsonText.Ok(new JsonObject { ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode?)TaskSummaryJson.ToJson(t, names))]) });
    }

    private static JsonText Detail(RuntimeCore core, string taskId)
    {
        var attempts = core.Attempts;
        return attempts.GetTask(taskId) is { } detail
            ? JsonText.Ok(detail.ToJson(attempts.ArtifactDir, SecretSources.Names(core.Config)))
            : JsonText.NotFound($"task not found: {taskId}");
    }
}
