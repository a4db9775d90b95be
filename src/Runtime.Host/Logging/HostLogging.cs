using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace AgentRuntime.Host.Logging;

/// <summary>Configures Serilog once per process: human-readable console on stderr, run events to <c>runtime.jsonl</c>.</summary>
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
        configuration = console is null
            ? configuration.WriteTo.Console(
                restrictedToMinimumLevel: level,
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: Template,
                formatProvider: CultureInfo.InvariantCulture)

            // An in-process surface (tests) hands its own stderr writer instead of the process's.
            : configuration.WriteTo.Sink(new TextWriterSink(console, new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture)), level);
        if (logDir is not null)
        {
            configuration = configuration.WriteTo.Logger(runLog => runLog
                .Filter.ByIncludingOnly(e => e.Properties.ContainsKey(RunLogFormatter.EventProperty))
                .WriteTo.File(new RunLogFormatter(), Path.Combine(logDir, "runtime.jsonl"), shared: true));
        }

        return configuration.CreateLogger();
    }
}
