using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace AgentRuntime.Host.Logging;

/// <summary>Console-style log lines to a given writer: what an in-process surface (tests) uses in place of the process's stderr.</summary>
internal sealed class TextWriterSink(TextWriter output, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, output);
            output.Flush();
        }
    }
}
