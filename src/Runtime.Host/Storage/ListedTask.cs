namespace AgentRuntime.Host.Storage;

/// <summary>A task and the adapter of its latest attempt (null before the first attempt), as the task list shows it.</summary>
internal sealed record ListedTask(TaskRecord Task, string? LatestAdapter);
