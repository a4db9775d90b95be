using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentRuntime.Plugins.Tests.FakeServers;

/// <summary>
/// The Anthropic Messages API as Claude Code uses it: <c>POST /v1/messages</c>, streamed
/// (<c>message_start</c> … <c>message_stop</c>) when the request asks for it and a plain JSON message
/// otherwise, plus <c>POST /v1/messages/count_tokens</c>.
/// </summary>
internal sealed class AnthropicMessagesFake(FakeTurn turn) : FakeModelServer(turn)
{
    private const string RateLimitBody =
        """{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited. Please retry after 30 seconds."}}""";

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/messages/count_tokens", () => Results.Json(new JsonObject { ["input_tokens"] = 42 }));
        app.MapPost("/v1/messages", RespondAsync);
    }

    private async Task RespondAsync(HttpContext context)
    {
        if (await AnswerCommonAsync(context, RateLimitBody))
        {
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var request = JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted));
        var model = (string?)request?["model"] ?? "claude-fake";
        var text = FinalText;
        if (request?["stream"] is JsonValue stream && (bool)stream)
        {
            var response = context.Response;
            response.ContentType = "text/event-stream";
            var start = Message(model, "");
            start["content"] = new JsonArray();
            start["stop_reason"] = null;
            await WriteEventAsync(response, "message_start", new JsonObject { ["type"] = "message_start", ["message"] = start }.ToJsonString());
            await WriteEventAsync(response, "content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""");
            await WriteEventAsync(response, "content_block_delta", new JsonObject
            {
                ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text },
            }.ToJsonString());
            await WriteEventAsync(response, "content_block_stop", """{"type":"content_block_stop","index":0}""");
            await WriteEventAsync(response, "message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":17}}""");
            await WriteEventAsync(response, "message_stop", """{"type":"message_stop"}""");
            return;
        }

        await Results.Json(Message(model, text)).ExecuteAsync(context);
    }

    private static JsonObject Message(string model, string text) => new()
    {
        ["id"] = $"msg_{Guid.NewGuid():N}", ["type"] = "message", ["role"] = "assistant", ["model"] = model,
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["stop_reason"] = "end_turn", ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 42, ["output_tokens"] = 17 },
    };
}
