using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentRuntime.Plugins.Tests.FakeServers;

/// <summary>
/// Ollama's <c>/api/tags</c> and <c>/api/generate</c>. The requested model picks the answer:
/// <c>ok-model</c> answers <see cref="FakeModelServer.FinalText"/>, <c>fail-model</c> a 503, <c>html-model</c> a 404
/// HTML page, <c>hang-model</c> never answers.
/// </summary>
internal sealed class OllamaFake() : FakeModelServer(FakeTurn.Outcome)
{
    protected override void Map(WebApplication app)
    {
        app.MapGet("/api/tags", () => Results.Json(new JsonObject
        {
            ["models"] = new JsonArray(new JsonObject { ["name"] = "ok-model" }, new JsonObject { ["name"] = "hang-model" }),
        }));
        app.MapPost("/api/generate", async (HttpContext context) =>
        {
            ModelCalled.TrySetResult();
            using var reader = new StreamReader(context.Request.Body);
            var model = (string?)JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted))?["model"];
            switch (model)
            {
                case "fail-model":
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "model is loading" });
                    break;
                case "html-model":
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html>not found</html>");
                    break;
                case "hang-model":
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    break;
                default:
                    await context.Response.WriteAsJsonAsync(new JsonObject { ["model"] = model, ["response"] = FinalText, ["done"] = true });
                    break;
            }
        });
    }
}
