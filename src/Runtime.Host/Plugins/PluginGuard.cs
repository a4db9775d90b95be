namespace AgentRuntime.Host.Plugins;

/// <summary>
/// The one guard around every call into plugin code: an exception or a hang becomes a value the
/// caller records, never a crash of the host. Caller cancellation still propagates.
/// </summary>
internal static class PluginGuard
{
    /// <summary>
    /// How long a cancelled call still waits for the plugin's own stop (SIGTERM, up to 5 s,
    /// SIGKILL, pipe drain) before the cancellation propagates: the process tree must be gone
    /// before the caller records the attempt and, for run-once, before the process exits. Kept
    /// under the 10 s a signalled CLI gets to finish.
    /// </summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(8);

    public static async Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> call,
        Func<Exception, T> onFailure,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            linked.CancelAfter(limit);
        }

        try
        {
            var task = Task.Run(() => call(linked.Token), CancellationToken.None);
            if (timeout is { } bound)
            {
                // A plugin that ignores its token must not hang the host: stop waiting after a grace period.
                var finished = await Task.WhenAny(task, Task.Delay(bound + TimeSpan.FromSeconds(2), cancellationToken)).ConfigureAwait(false);
                if (finished != task)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        await Task.WhenAny(task, Task.Delay(StopGrace, TimeProvider.System, CancellationToken.None)).ConfigureAwait(false);
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    return onFailure(new TimeoutException($"did not answer within {bound.TotalSeconds:0.###} s"));
                }
            }

            return await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeout is { } bound)
        {
            return onFailure(new TimeoutException($"did not answer within {bound.TotalSeconds:0.###} s"));
        }
        catch (Exception ex)
        {
            return onFailure(ex);
        }
    }

    public static string Describe(Exception ex) => ex switch
    {
        TimeoutException => ex.Message,
        FileNotFoundException fnf when fnf.FileName is not null => $"a dependency could not be loaded: {fnf.FileName}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
