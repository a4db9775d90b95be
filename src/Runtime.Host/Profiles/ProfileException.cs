namespace AgentRuntime.Host.Profiles;

/// <summary>A profile that cannot be loaded; the message is the operator-facing reason.</summary>
internal sealed class ProfileException : OperatorException
{
    public ProfileException(string message)
        : base(message)
    {
    }

    public ProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProfileException()
    {
    }
}
