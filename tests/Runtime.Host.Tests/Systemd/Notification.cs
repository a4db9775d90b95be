namespace AgentRuntime.Host.Tests.Systemd;

/// <summary>One line received on a <see cref="NotifySocket"/>: when (a <c>Stopwatch</c> timestamp) and what the test observed then.</summary>
internal sealed record Notification(string Line, long ReceivedAt, string? Observed);
