using AgentRuntime.Host.Systemd;
using Microsoft.Extensions.Hosting.Systemd;

namespace AgentRuntime.Host.Tests.Systemd;

/// <summary>The watchdog pinger: a ping per half timeout while the loop beats, nothing without a watchdog.</summary>
public sealed class SystemdWatchdogTests
{
    [Fact]
    public void Beat_ManyTimesWithinHalfTheTimeout_PingsOnce()
    {
        var notifier = new RecordingNotifier();
        var watchdog = new SystemdWatchdog(notifier, TimeSpan.FromMinutes(10));

        for (var i = 0; i < 100; i++)
        {
            watchdog.Beat();
        }

        Assert.Equal(TimeSpan.FromMinutes(5), watchdog.Interval);
        Assert.Equal(["WATCHDOG=1"], notifier.Sent);
    }

    [Fact]
    public async Task Beat_AfterHalfTheTimeout_PingsAgain()
    {
        var notifier = new RecordingNotifier();
        var watchdog = new SystemdWatchdog(notifier, TimeSpan.FromMilliseconds(100));

        watchdog.Beat();
        await Task.Delay(TimeSpan.FromMilliseconds(120));
        watchdog.Beat();

        Assert.Equal(["WATCHDOG=1", "WATCHDOG=1"], notifier.Sent);
    }

    [Fact]
    public void Beat_WithoutATimeoutOrWithoutASocket_SendsNothing()
    {
        var notifier = new RecordingNotifier();
        var noTimeout = new SystemdWatchdog(notifier, null);
        var noSocket = new SystemdWatchdog(new RecordingNotifier { IsEnabled = false }, TimeSpan.FromSeconds(30));

        noTimeout.Beat();
        noSocket.Beat();

        Assert.Null(noTimeout.Interval);
        Assert.Null(noSocket.Interval);
        Assert.Empty(notifier.Sent);
    }

    /// <summary>Keeps what would have gone to systemd (the real socket path is covered by <see cref="ServeNotifyTests"/>).</summary>
    private sealed class RecordingNotifier : ISystemdNotifier
    {
        public List<string> Sent { get; } = [];

        public bool IsEnabled { get; init; } = true;

        public void Notify(ServiceState state) => Sent.Add(state.ToString());
    }
}
