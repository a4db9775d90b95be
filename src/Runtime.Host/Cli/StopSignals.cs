using System.Runtime.InteropServices;

namespace AgentRuntime.Host.Cli;

/// <summary>
/// SIGINT and SIGTERM as a graceful stop for the resident commands (<c>web</c>, <c>serve</c>): the
/// signal cancels <c>stop</c> and the process is kept alive, so the command drains, closes what it
/// opened and returns 0 (a one-shot command is interrupted by <see cref="CliApp"/> instead). Nothing
/// is registered when the environment does not own the signals (in-process tests).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration? _sigint;
    private readonly PosixSignalRegistration? _sigterm;

    public StopSignals(CliEnvironment environment, CancellationTokenSource stop)
    {
        if (!environment.HandleSignals)
        {
            return;
        }

        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    public void Dispose()
    {
        _sigint?.Dispose();
        _sigterm?.Dispose();
    }
}
