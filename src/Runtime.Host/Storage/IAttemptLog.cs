namespace AgentRuntime.Host.Storage;

/// <summary>What the queue knows of an attempt beyond its claim and finish: its adapter, its bundle and its processes.</summary>
internal interface IAttemptLog
{
    Task<AttemptRecord?> GetAttemptAsync(string attemptId, CancellationToken cancellationToken);

    /// <summary>Records the adapter chosen for the attempt (spec §3.6 "update attempt adapter").</summary>
    Task SetAdapterAsync(string attemptId, string adapterId, string adapterKind, string? model, CancellationToken cancellationToken);

    /// <summary>Records a process the attempt's adapter started (migration 0007), for the sweep after a crash.</summary>
    Task RecordProcessAsync(string attemptId, RecordedProcess process, CancellationToken cancellationToken);

    /// <summary>Records a compiled bundle, links it to its attempt and records <c>bundle_compiled</c>.</summary>
    Task RecordBundleAsync(NewBundle bundle, CancellationToken cancellationToken);
}
