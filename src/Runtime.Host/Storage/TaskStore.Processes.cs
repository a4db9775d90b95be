using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Storage;

/// <summary>The processes of attempts and runners (migration 0007), for the sweep after a crash.</summary>
internal sealed partial class TaskStore
{
    /// <summary>This process's identity, recorded under its runner id when the id names this process.</summary>
    private static readonly Lazy<string?> SelfIdentity = new(() => ProcessIdentity.Of(Environment.ProcessId));

    /// <summary>Records a process an attempt started (again for the same pid: the later report wins).</summary>
    public void RecordProcess(string attemptId, RecordedProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        _db.Execute(
            """
            INSERT OR REPLACE INTO attempt_processes (attempt_id, pid, process_group, process_identity, control_group, recorded_at)
            VALUES ($attempt, $pid, $group, $identity, $cgroup, $now)
            """,
            ("$attempt", attemptId),
            ("$pid", process.Pid),
            ("$group", process.ProcessGroup),
            ("$identity", process.Identity),
            ("$cgroup", process.ControlGroup),
            ("$now", Now()));
    }

    /// <summary>The processes recorded for an attempt, in the order they were recorded.</summary>
    public IReadOnlyList<RecordedProcess> ProcessesOf(string attemptId)
    {
        var processes = new List<RecordedProcess>();
        using var command = _db.Command(
            "SELECT pid, process_group, process_identity, control_group FROM attempt_processes WHERE attempt_id = $attempt ORDER BY recorded_at, pid",
            ("$attempt", attemptId));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            processes.Add(new RecordedProcess(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return processes;
    }

    /// <summary>
    /// Records this process's identity under its runner id, in the claim's transaction, so a later
    /// sweep can tell this runner from a process that reuses its pid. Only when the runner id names
    /// this process (a test may claim under another process's id).
    /// </summary>
    private void RecordRunner()
    {
        if (SelfIdentity.Value is not { } identity
            || !RunnerId.TryGetProcessId(Options.RunnerId, out var pid) || pid != Environment.ProcessId)
        {
            return;
        }

        _db.Execute(
            "INSERT OR IGNORE INTO runner_processes (runner_id, pid, process_identity, recorded_at) VALUES ($runner, $pid, $identity, $now)",
            ("$runner", Options.RunnerId),
            ("$pid", pid),
            ("$identity", identity),
            ("$now", Now()));
    }

    /// <summary>The recorded identity of a runner, or null.</summary>
    private string? RunnerIdentity(string runnerId) =>
        _db.Scalar("SELECT process_identity FROM runner_processes WHERE runner_id = $runner", ("$runner", runnerId)) as string;

    /// <summary>Forgets runners with no running attempt left: a later claim of a live one records it again.</summary>
    private void ForgetIdleRunners() =>
        _db.Execute(
            """
            DELETE FROM runner_processes
            WHERE NOT EXISTS (SELECT 1 FROM task_attempts a WHERE a.runner_id = runner_processes.runner_id AND a.status = 'running')
            """);
}
