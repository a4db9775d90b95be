using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Secrets;
using AgentRuntime.Host.Snapshots;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>Runtime snapshots and the report comparing two of them (spec §1.2, §7.8).</summary>
internal sealed class SnapshotService(string runtimeName, string artifactDir, TaskStore tasks, TimeProvider time, RuntimeConfig? secretsOf = null)
{
    /// <summary>
    /// Captures the runtime and writes it under <c>&lt;artifactDir&gt;/snapshots/</c>, with the
    /// config's secret values masked (text stored before masking existed may still hold them) and
    /// those of the workflow contexts and payloads it shows (<see cref="DisplayMasking"/>).
    /// </summary>
    public SnapshotResult Capture(string? label)
    {
        var captured = new SnapshotBuilder(tasks, new WorkflowStore(tasks, time), runtimeName, artifactDir, time).Capture();
        var snapshot = secretsOf is null ? captured : DisplayMasking.Apply(captured, secretsOf);
        var path = SnapshotFile.Write(artifactDir, snapshot, label);
        return new SnapshotResult(path, snapshot);
    }

    /// <summary>Task and workflow deltas and new artifacts between two snapshot documents.</summary>
    public static JsonObject Compare(JsonObject before, JsonObject after) => SnapshotComparer.Compare(before, after);
}
