using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Web.Stream;

/// <summary>
/// Server-Sent Events framing: <c>id:</c>, <c>event:</c> and one <c>data:</c> line of compact JSON
/// (JSON text never holds a raw line break, so one line suffices), ended by a blank line.
/// </summary>
internal static class SseFrame
{
    /// <summary>A comment line: ignored by <c>EventSource</c>, but traffic for every hop in between.</summary>
    public static ReadOnlyMemory<byte> KeepAlive { get; } = Encoding.UTF8.GetBytes(": keep-alive\n\n");

    /// <param name="id">The event id a reconnecting browser sends back as <c>Last-Event-ID</c>.</param>
    /// <param name="name">The event name (<c>dashboard</c>, <c>events</c>).</param>
    /// <param name="data">The payload, serialized compact.</param>
    /// <param name="retry">A reconnect delay hint to send with this frame, or null.</param>
    public static byte[] Event(long id, string name, JsonNode data, TimeSpan? retry = null)
    {
        var text = new StringBuilder();
        if (retry is { } delay)
        {
            text.Append("retry: ").Append(((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("id: ").Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: ").Append(name).Append('\n')
            .Append("data: ").Append(JsJson.Serialize(data)).Append("\n\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
