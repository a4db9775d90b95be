using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Resident;

/// <summary>
/// Claiming and running attempts side by side. The rule for an adapter's <c>maxConcurrent</c>:
/// claim only tasks whose adapter has room. A task that names its adapter (<c>requested_adapter</c>)
/// is passed over in the claim while that adapter is full, so it waits in the queue and other
/// adapters' tasks behind it still run. A task that names none learns its adapter only after the
/// claim (profile default, fallback); its attempt then waits for the adapter's slot
/// (<see cref="AdapterSlots"/>), which is what guarantees the limit.
/// </summary>
internal sealed partial class ResidentDispatcher
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byAdapter = new(StringComparer.Ordinal);

    /// <summary>Attempts running now.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Claims until every slot is taken or nothing is claimable; true when the queue has nothing claimable now.</summary>
    private async Task<bool> ClaimWhileRoomAsync(CancellationToken stoppingToken)
    {
        while (Running < MaxConcurrentAttempts)
        {
            var claimed = await _core.Store.ClaimAsync(FullAdapters(), stoppingToken).ConfigureAwait(false);
            if (claimed is null)
            {
                return true;
            }

            Start(claimed, stoppingToken);
        }

        return false;
    }

    private List<string> FullAdapters()
    {
        lock (_gate)
        {
            return _core.Config.Adapters
                .Where(a => a.MaxConcurrent is { } limit && _byAdapter.GetValueOrDefault(a.Id) >= limit)
                .Select(a => a.Id)
                .ToList();
        }
    }

    private void Start(ClaimedTask claimed, CancellationToken stoppingToken)
    {
        var attemptId = claimed.Attempt.AttemptId;
        var adapter = claimed.Task.RequestedAdapter;

        // Under the gate, so the attempt's own removal (which takes it too) cannot come first.
        lock (_gate)
        {
            _byAdapter[adapter] = _byAdapter.GetValueOrDefault(adapter) + 1;
            _running[attemptId] = Task.Run(() => RunAttemptAsync(claimed, adapter, stoppingToken), CancellationToken.None);
        }
    }

    private async Task RunAttemptAsync(ClaimedTask claimed, string adapter, CancellationToken stoppingToken)
    {
        var attemptId = claimed.Attempt.AttemptId;
        try
        {
            var result = await new AttemptPipeline(_services).RunAsync(claimed, stoppingToken).ConfigureAwait(false);
            _services.Log.Information("Attempt {AttemptId} of task {TaskId} ended: {Result}", attemptId, claimed.Task.TaskId, result.ToJsonString());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _services.Log.Information("Attempt {AttemptId} of task {TaskId} was stopped with the dispatcher; its task is requeued", attemptId, claimed.Task.TaskId);
        }
        catch (Exception ex) when (StoreFailure.Is(ex) && !stoppingToken.IsCancellationRequested)
        {
            // Only a database failure escapes the pipeline. The next boot sweep would recover the
            // attempt, but a resident dispatcher's next boot may be months away: record it here.
            _services.Log.Warning("Attempt {AttemptId} of task {TaskId} could not be recorded: {Problem}", attemptId, claimed.Task.TaskId, Problem(ex));
            await RecordUnrecordedAsync(claimed, ex, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Stopping (or not a database failure): the next boot sweep recovers the attempt.
            _services.Log.Error(ex, "Attempt {AttemptId} of task {TaskId} could not be recorded", attemptId, claimed.Task.TaskId);
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(attemptId);
                _byAdapter[adapter]--;
            }

            // Workflow evaluation follows a finished attempt (it may make the next step's task),
            // at most every PhaseGap so a fast queue does not pay for it at every attempt.
            _evaluationPending = true;
            _waiter.Poke();
        }
    }

    /// <summary>Waits for every running attempt to end (they end promptly once the stopping token is cancelled).</summary>
    private async Task DrainAsync()
    {
        Task[] running;
        lock (_gate)
        {
            running = [.. _running.Values];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
