using AgentRuntime.Host.Storage;
using Serilog;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// Watches one running attempt for an operator's stop request (B27): polls the queue by attempt id
/// (a primary-key read) every <see cref="DefaultInterval"/> and, when a request appears, cancels
/// <see cref="Token"/>, which the adapter runs under. <see cref="Token"/> is also cancelled with the
/// dispatcher's own token, so <see cref="Request"/> tells an operator's cancel from the process
/// being stopped. Used by any process that runs attempts (run-once today, a resident dispatcher
/// later). Dispose to stop watching; it never throws from its loop.
/// </summary>
internal sealed class CancelWatcher : IAsyncDisposable
{
    /// <summary>Often enough to stop an attempt within a second of the request, cheap enough to leave running.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _adapter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile CancelRequest? _request;

    private CancelWatcher(ITaskQueue queue, string attemptId, TimeProvider time, ILogger log, TimeSpan interval, CancellationToken dispatcherToken)
    {
        _adapter = CancellationTokenSource.CreateLinkedTokenSource(dispatcherToken);
        Token = _adapter.Token;
        _loop = Task.Run(() => WatchAsync(queue, attemptId, time, log, interval), CancellationToken.None);
    }

    /// <summary>Cancelled when the operator asks the attempt to stop, or when the dispatcher's token is.</summary>
    public CancellationToken Token { get; }

    /// <summary>The operator's request, once noticed; null while there is none.</summary>
    public CancelRequest? Request => _request;

    /// <param name="queue">Where requests are recorded.</param>
    /// <param name="attemptId">The running attempt to watch.</param>
    /// <param name="time">The clock the polls wait on.</param>
    /// <param name="log">Where a failed poll is reported (the next one is tried).</param>
    /// <param name="dispatcherToken">The dispatcher's own token (SIGINT/SIGTERM); linked into <see cref="Token"/>.</param>
    /// <param name="interval">Between polls; default <see cref="DefaultInterval"/>.</param>
    public static CancelWatcher Start(ITaskQueue queue, string attemptId, TimeProvider time, ILogger log, CancellationToken dispatcherToken, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(attemptId);
        return new CancelWatcher(queue, attemptId, time, log, interval ?? DefaultInterval, dispatcherToken);
    }

    private async Task WatchAsync(ITaskQueue queue, string attemptId, TimeProvider time, ILogger log, TimeSpan interval)
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested && !Token.IsCancellationRequested)
        {
            try
            {
                if (await queue.GetCancelRequestAsync(attemptId, stop).ConfigureAwait(false) is { } request)
                {
                    _request = request;
                    log.Information("Operator asked attempt {AttemptId} of task {TaskId} to stop; cancelling the adapter", attemptId, request.TaskId);
                    await _adapter.CancelAsync().ConfigureAwait(false);
                    return;
                }

                await Task.Delay(interval, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A busy or briefly unreadable database must not end the watch, nor the attempt.
                log.Warning(ex, "Cancel request poll of attempt {AttemptId} failed; trying again", attemptId);
                try
                {
                    await Task.Delay(interval, time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _adapter.Dispose();
    }
}
