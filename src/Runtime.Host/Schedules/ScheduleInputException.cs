namespace AgentRuntime.Host.Schedules;

/// <summary>A schedule input that cannot be stored; the message names the field and what is expected.</summary>
internal sealed class ScheduleInputException : OperatorException
{
    public ScheduleInputException(string message)
        : base(message)
    {
    }

    public ScheduleInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScheduleInputException()
    {
    }
}
