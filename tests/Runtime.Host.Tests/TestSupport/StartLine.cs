using System.Text;
using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>The start line a resident command (<c>web</c>, <c>serve</c>) prints: one pretty-printed JSON object, ended by a line holding only <c>}</c>.</summary>
internal static class StartLine
{
    public static async Task<JsonObject> ReadAsync(StreamReader output, TimeSpan limit)
    {
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(limit);
        while (await output.ReadLineAsync(timeout.Token) is { } line)
        {
            text.Append(line).Append('\n');
            if (line == "}")
            {
                return JsonNode.Parse(text.ToString())!.AsObject();
            }
        }

        throw new InvalidOperationException($"the process printed no start line:\n{text}");
    }
}
