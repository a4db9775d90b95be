using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentRuntime.Host.Json;

/// <summary>
/// Source-generated System.Text.Json metadata for the types the host serializes, so the core needs
/// no reflection-based serialization (trimming and Native AOT).
/// </summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
