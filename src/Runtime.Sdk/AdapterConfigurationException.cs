namespace AgentRuntime.Sdk;

/// <summary>Thrown by a plugin when an adapter entry's settings cannot be used; the message names the setting and what is expected.</summary>
public sealed class AdapterConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AdapterConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message that says what to fix.</summary>
    /// <param name="message">What is wrong and what is expected.</param>
    public AdapterConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    /// <param name="message">What is wrong and what is expected.</param>
    /// <param name="innerException">The cause.</param>
    public AdapterConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
