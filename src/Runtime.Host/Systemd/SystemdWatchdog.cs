using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting.Systemd;

namespace AgentRuntime.Host.Systemd;

/// <summary>
/// The systemd watchdog (<c>WatchdogSec=</c>): systemd passes the timeout in <c>WATCHDOG_USEC</c>
/// and expects <c>WATCHDOG=1</c> before it runs out. A loop calls <see cref="Beat"/> on every turn;
/// a ping goes out when half the timeout has passed since the last one. A loop that hangs stops
/// beating, so the pings stop and systemd aborts and restarts the process. The package's lifetime
/// does not ping by itself (10.0), and a timer of our own would keep pinging for a hung loop.
/// </summary>
internal sealed class SystemdWatchdog
{
    public const string TimeoutVariable = "WATCHDOG_USEC";
    public const string PidVariable = "WATCHDOG_PID";

    private static readonly ServiceState Ping = new("WATCHDOG=1");

    private readonly ISystemdNotifier? _notifier;
    private long _lastPing;

    public SystemdWatchdog(ISystemdNotifier? notifier, TimeSpan? timeout)
    {
        _notifier = notifier is { IsEnabled: true } ? notifier : null;
        Interval = _notifier is not null && timeout > TimeSpan.Zero ? timeout / 2 : null;
    }

    /// <summary>Half the watchdog timeout; null when there is no watchdog for this process (nothing is sent).</summary>
    public TimeSpan? Interval { get; }

    /// <summary>The watchdog systemd set up for this process, if any: <c>WATCHDOG_PID</c>, when set, must be this process.</summary>
    public static SystemdWatchdog FromEnvironment(ISystemdNotifier? notifier)
    {
        var pid = Environment.GetEnvironmentVariable(PidVariable);
        var forUs = string.IsNullOrEmpty(pid) || pid == Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var timeout = forUs && long.TryParse(Environment.GetEnvironmentVariable(TimeoutVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec)
            : (TimeSpan?)null;
        return new SystemdWatchdog(notifier, timeout);
    }

    /// <summary>The loop is alive: pings systemd when half the timeout has passed since the last ping.</summary>
    public void Beat()
    {
        if (Interval is not { } interval)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastPing);
        if (last != 0 && Stopwatch.GetElapsedTime(last, now) < interval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastPing, now, last) != last)
        {
            return;
        }

        try
        {
            _notifier!.Notify(Ping);
        }
        catch (System.Net.Sockets.SocketException)
        {
            // The manager's socket is gone (it is restarting, or it stopped listening): the loop
            // goes on; a manager that misses the pings ends the process itself.
        }
    }
}
