using Serilog.Core;
using Serilog.Events;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>A Serilog sink that keeps every event, for tests that assert what was logged.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }
}
