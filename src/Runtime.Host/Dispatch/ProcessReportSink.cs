using AgentRuntime.Host.Storage;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;
using Serilog;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// Records the processes an adapter reports (<see cref="IExecutionSink.ProcessStarted"/>) in
/// <c>attempt_processes</c> as they start, with the process's identity read at once, so the next
/// dispatcher after a crash finds the attempt's group and cgroup. Output and declared secrets pass through unchanged.
/// The writes run in the background (a sink never blocks the adapter);
/// <see cref="FlushAsync"/> waits for them when the adapter has returned.
/// </summary>
internal sealed class ProcessReportSink(IExecutionSink inner, IAttemptLog attempts, string attemptId, ILogger log) : IExecutionSink
{
    private static int _unscopedLogged;
    private readonly Lock _gate = new();
    private readonly List<Task> _writes = [];

    public void Write(OutputChannel channel, string text) => inner.Write(channel, text);

    public void RegisterSecret(string value) => inner.RegisterSecret(value);

    public void ProcessStarted(AdapterProcess process)
    {
        if (process is null || process.ProcessId <= 0)
        {
            return;
        }

        if (process.ProcessGroupId is not null && process.ControlGroup is null && Interlocked.Exchange(ref _unscopedLogged, 1) == 0)
        {
            log.Debug("Attempts run without a cgroup scope (no writable cgroup v2 here, or {Switch}=off): their processes are contained by process group and {Marker}",
                AttemptScope.SwitchVariable, ProcessRunner.AttemptMarker);
        }

        var record = new RecordedProcess(process.ProcessId, process.ProcessGroupId, ProcessIdentity.Of(process.ProcessId), process.ControlGroup);
        lock (_gate)
        {
            _writes.Add(attempts.RecordProcessAsync(attemptId, record, CancellationToken.None));
        }
    }

    /// <summary>Waits for the records; a failed one is logged (the sweep still has the marker scan).</summary>
    public async Task FlushAsync()
    {
        Task[] writes;
        lock (_gate)
        {
            writes = [.. _writes];
        }

        try
        {
            await Task.WhenAll(writes).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log.Warning(ex, "Could not record a process of attempt {AttemptId}", attemptId);
        }
    }
}
