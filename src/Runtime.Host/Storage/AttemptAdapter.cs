namespace AgentRuntime.Host.Storage;

/// <summary>The adapter chosen for an attempt, as its row records it (<c>adapter_id</c>, <c>adapter_kind</c>, <c>model</c>).</summary>
internal sealed record AttemptAdapter(string Id, string Kind, string? Model);
