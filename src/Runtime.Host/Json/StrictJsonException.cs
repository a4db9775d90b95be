using System.Text.Json;

namespace AgentRuntime.Host.Json;

/// <summary>Text that is JSON to a lenient reader but refused by the host's input reader: a key repeated in one object, or a lone UTF-16 surrogate.</summary>
internal sealed class StrictJsonException : JsonException
{
    public StrictJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StrictJsonException(string message)
        : base(message)
    {
    }

    public StrictJsonException()
    {
    }
}
