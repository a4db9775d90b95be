using Microsoft.Extensions.Hosting;

namespace AgentRuntime.Host.Web;

/// <summary>
/// A host lifetime that takes no process signals: the <c>web</c> command owns SIGINT/SIGTERM (and
/// exits 0 on them), and a server started in a test process must not take that process's signals.
/// </summary>
internal sealed class NoSignalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
