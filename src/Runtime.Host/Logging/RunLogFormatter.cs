using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using Serilog.Events;
using Serilog.Formatting;

namespace AgentRuntime.Host.Logging;

/// <summary>
/// Writes run events as the reference JSONL line: <c>{"ts":…,"event":…,&lt;fields&gt;}</c>, compact,
/// fields in the order they were given.
/// </summary>
internal sealed class RunLogFormatter : ITextFormatter
{
    public const string EventProperty = "RunEvent";
    public const string FieldsProperty = "RunFields";

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var line = new JsonObject
        {
            ["ts"] = IsoTime.ToIso(logEvent.Timestamp),
            ["event"] = logEvent.Properties.TryGetValue(EventProperty, out var name) && name is ScalarValue { Value: string s } ? s : "log",
        };
        if (logEvent.Properties.TryGetValue(FieldsProperty, out var fields) && fields is ScalarValue { Value: JsonObject obj })
        {
            foreach (var (key, value) in obj)
            {
                line[key] = value?.DeepClone();
            }
        }

        var builder = new StringBuilder(JsJson.Serialize(line));
        output.Write(builder.Append('\n').ToString());
    }
}
