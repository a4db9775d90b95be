using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Sinks.SystemConsole.Themes;

namespace AgentRuntime.Host.Logging;

/// <summary>
/// Configures Serilog once per process: human-readable console on stderr (journal lines with their
/// priority when stderr is the journal, see <see cref="JournalFormatter"/>), run events to <c>runtime.jsonl</c>.
/// </summary>
internal static class HostLogging
{
    public const string LevelVariable = "AGENT_RUNTIME_LOG_LEVEL";

    public static Logger Create(string? logDir, TextWriter? console = null)
    {
        var level = Enum.TryParse<LogEventLevel>(Environment.GetEnvironmentVariable(LevelVariable), ignoreCase: true, out var parsed)
            ? parsed
            : LogEventLevel.Warning;
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose();
        const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
        configuration = console is not null

            // An in-process surface (tests) hands its own stderr writer instead of the process's.
            ? configuration.WriteTo.Sink(new TextWriterSink(console, new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture)), level)
            : JournalStream.IsStandardError()
                ? configuration.WriteTo.Console(
                    new JournalFormatter(new MessageTemplateTextFormatter("[{Level:u3}] {Message:lj}{NewLine}{Exception}", CultureInfo.InvariantCulture)),
                    restrictedToMinimumLevel: level,
                    standardErrorFromLevel: LogEventLevel.Verbose)
                : configuration.WriteTo.Console(
                    restrictedToMinimumLevel: level,
                    standardErrorFromLevel: LogEventLevel.Verbose,
                    outputTemplate: Template,
                    formatProvider: CultureInfo.InvariantCulture,

                    // Under systemd (stderr to a file or another unit's socket) never colours, even
                    // where the sink would take the stream for a terminal.
                    theme: JournalStream.UnderSystemd ? ConsoleTheme.None : null);
        if (logDir is not null)
        {
            configuration = configuration.WriteTo.Logger(runLog => runLog
                .Filter.ByIncludingOnly(e => e.Properties.ContainsKey(RunLogFormatter.EventProperty))
                .WriteTo.File(new RunLogFormatter(), Path.Combine(logDir, "runtime.jsonl"), shared: true));
        }

        return configuration.CreateLogger();
    }
}
