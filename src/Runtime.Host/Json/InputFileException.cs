namespace AgentRuntime.Host.Json;

/// <summary>A file given as input could not be read as UTF-8 text; the caller adds the path and the flag or key that named it.</summary>
internal sealed class InputFileException : Exception
{
    public InputFileException(string message)
        : base(message)
    {
    }

    public InputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InputFileException()
    {
    }
}
