using Serilog.Events;
using Serilog.Formatting;

namespace AgentRuntime.Host.Logging;

/// <summary>
/// Log lines for the journal: every line (an exception's too) starts with its syslog priority
/// (<c>&lt;3&gt;</c> error … <c>&lt;7&gt;</c> debug), which journald takes as the entry's priority and
/// strips, so <c>journalctl -p warning</c> filters by level. No colours; no timestamp (the journal
/// stamps each entry).
/// </summary>
internal sealed class JournalFormatter(ITextFormatter inner) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        using var rendered = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        inner.Format(logEvent, rendered);
        var prefix = $"<{Priority(logEvent.Level)}>";
        foreach (var line in rendered.ToString().TrimEnd('\n').Split('\n'))
        {
            output.Write(prefix);
            output.Write(line);
            output.Write('\n');
        }
    }

    /// <summary>The syslog priority of a level (sd-daemon(3)).</summary>
    public static int Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => 2,
        LogEventLevel.Error => 3,
        LogEventLevel.Warning => 4,
        LogEventLevel.Information => 6,
        _ => 7,
    };
}
