namespace AgentRuntime.Host.Dispatch.Bundles;

/// <summary>
/// Bundle compilation failed; the cycle records <c>Bundle compilation failed: &lt;Message&gt;</c>
/// and does not launch the adapter. <see cref="Exception.InnerException"/> holds the cause.
/// </summary>
internal sealed class BundleCompilationException : Exception
{
    public BundleCompilationException()
    {
    }

    public BundleCompilationException(string message)
        : base(message)
    {
    }

    public BundleCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
