using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>The operator API's list reads (spec §2.9, §2.10); each runs on a pooled connection of its own, so requests may run at once.</summary>
internal sealed class BrowseService(SqliteRuntimeStore store)
{
    /// <summary>The <paramref name="limit"/> most recently updated tasks, optionally of one status (not validated, as in the reference).</summary>
    public IReadOnlyList<ListedTask> ListTasks(int limit, string? status) => store.Read(s => s.ListTasks(limit, status));

    /// <summary>Events after <paramref name="since"/>, else the latest ones; oldest first either way.</summary>
    public IReadOnlyList<RunEvent> ListEvents(long since, int limit) => store.Read(s => s.ListEvents(since, limit));
}
