using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Cli;

/// <summary>Results go to stdout as one pretty JSON document; everything else goes to stderr.</summary>
internal static class CliOutput
{
    public static void WriteJson(JsonNode? result)
    {
        Console.Out.Write(JsJson.Serialize(result, pretty: true));
        Console.Out.Write('\n');
        Console.Out.Flush();
    }

    public static void Error(string message) => Console.Error.WriteLine($"error: {message}");
}
