namespace AgentRuntime.Host.Configuration;

/// <summary>A config file that cannot be used. The message names the file, the JSON path and what is expected.</summary>
internal sealed class ConfigException : OperatorException
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigException()
    {
    }

    public static ConfigException Invalid(string file, string jsonPath, string expected) =>
        new($"Invalid config {file}: {jsonPath}: {expected}");
}
