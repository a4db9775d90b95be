using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>One configured adapter's healthcheck: ok, and the adapter's own detail object.</summary>
internal sealed record AdapterCheck(string AdapterId, bool Ok, JsonObject Detail);
