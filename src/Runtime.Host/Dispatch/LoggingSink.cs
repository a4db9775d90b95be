using AgentRuntime.Sdk;
using Serilog;

namespace AgentRuntime.Host.Dispatch;

/// <summary>Streams adapter output into the host log at debug level, tagged with the task, attempt and adapter.</summary>
internal sealed class LoggingSink(ILogger log, string taskId, string attemptId, string adapterId) : IExecutionSink
{
    private readonly ILogger _log = log.ForContext("TaskId", taskId).ForContext("AttemptId", attemptId).ForContext("AdapterId", adapterId);

    public void Write(OutputChannel channel, string text)
    {
        try
        {
            _log.Debug("{Channel} {Text}", channel, text);
        }
        catch (Exception)
        {
            // A sink never throws into the adapter.
        }
    }
}
