using System.Text.Json.Nodes;
using Serilog;
using Serilog.Events;
using Serilog.Parsing;

namespace AgentRuntime.Host.Logging;

/// <summary>
/// The runtime JSONL log (<c>&lt;logDir&gt;/runtime.jsonl</c>) with the reference event names, written
/// through the host's one Serilog pipeline; the console shows the same events for operators.
/// </summary>
internal sealed class RunLog(ILogger logger, TimeProvider time)
{
    private static readonly MessageTemplate Template =
        new MessageTemplateParser().Parse("Run event {RunEvent} task {TaskId} attempt {AttemptId}");

    public void Write(string eventName, JsonObject fields)
    {
        var properties = new List<LogEventProperty>
        {
            new(RunLogFormatter.EventProperty, new ScalarValue(eventName)),
            new("TaskId", new ScalarValue(fields["task_id"]?.GetValue<string>())),
            new("AttemptId", new ScalarValue(fields["attempt_id"]?.GetValue<string>())),
            new(RunLogFormatter.FieldsProperty, new ScalarValue(fields.DeepClone())),
        };
        logger.Write(new LogEvent(time.GetUtcNow(), LogEventLevel.Information, null, Template, properties));
    }
}
