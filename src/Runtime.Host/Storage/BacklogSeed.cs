using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Storage;

/// <summary>What one backlog seeding wrote: each workflow (created, or the existing one) and each queued task, in input order.</summary>
internal sealed record BacklogSeed(IReadOnlyList<(bool Created, WorkflowRecord Workflow)> Workflows, IReadOnlyList<TaskRecord> Tasks);
