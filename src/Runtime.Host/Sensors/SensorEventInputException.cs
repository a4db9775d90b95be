namespace AgentRuntime.Host.Sensors;

/// <summary>A sensor event that cannot be ingested; the message names the field and what is expected. Nothing was written.</summary>
internal sealed class SensorEventInputException : OperatorException
{
    public SensorEventInputException(string message)
        : base(message)
    {
    }

    public SensorEventInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SensorEventInputException()
    {
    }
}
