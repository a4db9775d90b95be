using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentRuntime.Plugins.Tests.FakeServers;

/// <summary>
/// The OpenAI Responses API as <c>codex exec</c> uses it: <c>POST /v1/responses</c> answered with a
/// server-sent event stream (<c>response.created</c>, <c>response.output_item.done</c> with the
/// assistant message, <c>response.completed</c>), plus <c>GET /v1/models</c>.
/// </summary>
internal sealed class OpenAiResponsesFake(FakeTurn turn) : FakeModelServer(turn)
{
    public const string Model = "fake-gpt";

    private const string RateLimitBody =
        """{"error":{"type":"rate_limit_exceeded","code":"rate_limit_exceeded","message":"Rate limit reached. Please try again in 30s."}}""";

    protected override void Map(WebApplication app)
    {
        app.MapGet("/v1/models", () => Results.Json(new JsonObject
        {
            ["object"] = "list", ["data"] = new JsonArray(new JsonObject { ["id"] = Model, ["object"] = "model" }),
        }));
        app.MapPost("/v1/responses", RespondAsync);
    }

    private async Task RespondAsync(HttpContext context)
    {
        if (await AnswerCommonAsync(context, RateLimitBody))
        {
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        var id = $"resp_{Guid.NewGuid():N}";
        var message = new JsonObject
        {
            ["type"] = "message", ["id"] = "msg_1", ["status"] = "completed", ["role"] = "assistant",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = FinalText, ["annotations"] = new JsonArray() }),
        };
        await WriteEventAsync(response, "response.created", Event("response.created", new JsonObject { ["response"] = Response(id, "in_progress") }));
        await WriteEventAsync(response, "response.output_item.added", Event("response.output_item.added", new JsonObject
        {
            ["output_index"] = 0, ["item"] = new JsonObject { ["type"] = "message", ["id"] = "msg_1", ["status"] = "in_progress", ["role"] = "assistant", ["content"] = new JsonArray() },
        }));
        await WriteEventAsync(response, "response.output_text.delta", Event("response.output_text.delta", new JsonObject
        {
            ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = FinalText,
        }));
        await WriteEventAsync(response, "response.output_item.done", Event("response.output_item.done", new JsonObject
        {
            ["output_index"] = 0, ["item"] = message,
        }));
        var completed = Response(id, "completed");
        completed["output"] = new JsonArray(message.DeepClone());
        completed["usage"] = new JsonObject
        {
            ["input_tokens"] = 42, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = 17, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 }, ["total_tokens"] = 59,
        };
        await WriteEventAsync(response, "response.completed", Event("response.completed", new JsonObject { ["response"] = completed }));
    }

    private static JsonObject Response(string id, string status) => new()
    {
        ["id"] = id, ["object"] = "response", ["created_at"] = 1_700_000_000, ["status"] = status, ["model"] = Model, ["output"] = new JsonArray(),
    };

    private static string Event(string type, JsonObject body)
    {
        body["type"] = type;
        return body.ToJsonString();
    }
}
