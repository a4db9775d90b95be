namespace AgentRuntime.Host.Bridges;

/// <summary>A bridge event file that cannot be mapped; the message names the field and what is expected.</summary>
internal sealed class BridgeInputException : OperatorException
{
    public BridgeInputException(string message)
        : base(message)
    {
    }

    public BridgeInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BridgeInputException()
    {
    }
}
