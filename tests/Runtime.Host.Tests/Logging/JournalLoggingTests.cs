using System.Globalization;
using AgentRuntime.Host.Logging;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace AgentRuntime.Host.Tests.Logging;

/// <summary>Console log lines under systemd: the journal is recognised by its inode, and its lines carry their priority.</summary>
public sealed class JournalLoggingTests
{
    [Theory]
    [InlineData("8:12345", "socket:[12345]", true)]
    [InlineData("8:12345", "socket:[123456]", false)]
    [InlineData("8:12345", "pipe:[12345]", false)]
    [InlineData("8:12345", "/dev/pts/0", false)]
    [InlineData("12345", "socket:[12345]", false)]
    [InlineData("8:", "socket:[]", false)]
    [InlineData(null, "socket:[12345]", false)]
    [InlineData("8:12345", null, false)]
    public void JournalStream_StderrLinkTarget_IsTheJournalOnlyWhenTheInodeMatches(string? journalStream, string? stderrTarget, bool expected) =>
        Assert.Equal(expected, JournalStream.IsStream(journalStream, stderrTarget));

    [Fact]
    public void JournalFormatter_WarningWithAnException_PrefixesEveryLineWithTheWarningPriority()
    {
        var formatter = new JournalFormatter(new MessageTemplateTextFormatter("[{Level:u3}] {Message:lj}{NewLine}{Exception}", CultureInfo.InvariantCulture));
        var logEvent = new LogEvent(
            DateTimeOffset.UnixEpoch,
            LogEventLevel.Warning,
            new InvalidOperationException("second line"),
            new MessageTemplateParser().Parse("adapter {Id} is slow"),
            [new LogEventProperty("Id", new ScalarValue("codex"))]);
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        formatter.Format(logEvent, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("<4>[WRN] adapter codex is slow", lines[0]);
        Assert.Equal("<4>System.InvalidOperationException: second line", lines[1]);
        Assert.All(lines, l => Assert.StartsWith("<4>", l, StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Theory]
    [InlineData(LogEventLevel.Fatal, 2)]
    [InlineData(LogEventLevel.Error, 3)]
    [InlineData(LogEventLevel.Warning, 4)]
    [InlineData(LogEventLevel.Information, 6)]
    [InlineData(LogEventLevel.Debug, 7)]
    [InlineData(LogEventLevel.Verbose, 7)]
    public void JournalFormatter_Level_MapsToItsSyslogPriority(LogEventLevel level, int priority) =>
        Assert.Equal(priority, JournalFormatter.Priority(level));
}
