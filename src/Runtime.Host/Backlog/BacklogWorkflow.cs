using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Backlog;

/// <summary>A backlog file's workflow entry; <see cref="Raw"/> is echoed in the output as the reference does.</summary>
internal sealed record BacklogWorkflow(string Template, string InstanceKey, string? State, JsonNode? Context, JsonObject Raw);
