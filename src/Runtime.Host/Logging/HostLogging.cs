using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AgentRuntime.Host.Logging;

/// <summary>Configures Serilog once per process: human-readable console on stderr, run events to <c>runtime.jsonl</c>.</summary>
internal static class HostLogging
{
    public const string LevelVariable = "AGENT_RUNTIME_LOG_LEVEL";

    public static Logger Create(string? logDir)
    {
        var level = Enum.TryParse<LogEventLevel>(Environment.GetEnvironmentVariable(LevelVariable), ignoreCase: true, out var parsed)
            ? parsed
            : LogEventLevel.Warning;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Console(
                restrictedToMinimumLevel: level,
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                formatProvider: CultureInfo.InvariantCulture);
        if (logDir is not null)
        {
            configuration = configuration.WriteTo.Logger(runLog => runLog
                .Filter.ByIncludingOnly(e => e.Properties.ContainsKey(RunLogFormatter.EventProperty))
                .WriteTo.File(new RunLogFormatter(), Path.Combine(logDir, "runtime.jsonl"), shared: true));
        }

        return configuration.CreateLogger();
    }
}
