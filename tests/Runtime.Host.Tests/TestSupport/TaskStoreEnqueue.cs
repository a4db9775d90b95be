using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>Enqueue a raw task input in tests, validated as every intake path validates it.</summary>
internal static class TaskStoreEnqueue
{
    public static TaskRecord Enqueue(this TaskStore store, TaskInput input) =>
        store.Enqueue(TaskInputValidator.Validate(input, store.Options, store.Time.GetUtcNow()));

    public static TaskRecord? EnqueueIfNew(this TaskStore store, TaskInput input) =>
        store.EnqueueIfNew(TaskInputValidator.Validate(input, store.Options, store.Time.GetUtcNow()));
}
