using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Cli;

/// <summary>Results go to stdout as one pretty JSON document; everything else goes to stderr.</summary>
internal static class CliOutput
{
    public static void WriteJson(TextWriter output, JsonNode? result)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(JsJson.Serialize(result, pretty: true));
        output.Write('\n');
        output.Flush();
    }

    public static void Error(TextWriter error, string message)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine($"error: {message}");
    }
}
