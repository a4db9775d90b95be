using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Json;

/// <summary>Hands JSON objects to plugins as the SDK's <see cref="JsonElement"/>s.</summary>
internal static class JsonElements
{
    public static JsonElement From(JsonObject value) => JsonSerializer.SerializeToElement(value, HostJsonContext.Default.JsonObject);
}
