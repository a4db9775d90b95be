namespace AgentRuntime.Host.Intake;

/// <summary>A task input that cannot be enqueued. The message starts with the field's name, then says what is expected.</summary>
internal sealed class TaskInputException : OperatorException
{
    public TaskInputException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    public TaskInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
    }

    public TaskInputException()
    {
        Field = "";
    }

    public TaskInputException(string message)
        : base(message)
    {
        Field = "";
    }

    /// <summary>The offending field as written in the JSON (e.g. <c>schedule.delay_minutes</c>), or empty.</summary>
    public string Field { get; }
}
