namespace AgentRuntime.Host.Web;

/// <summary>The web server cannot start as asked (a bad <c>--host</c>, no token off loopback); the message says what to do.</summary>
internal sealed class WebServerException : OperatorException
{
    public WebServerException(string message)
        : base(message)
    {
    }

    public WebServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WebServerException()
    {
    }
}
