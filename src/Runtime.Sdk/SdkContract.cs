namespace AgentRuntime.Sdk;

/// <summary>
/// The version of the host/plugin contract. A plugin records the SDK assembly version it was
/// compiled against; the host refuses a plugin whose major version differs from <see cref="Major"/>.
/// </summary>
public static class SdkContract
{
    /// <summary>The contract's major version. Breaking changes to the SDK increment it.</summary>
    public const int Major = 1;

    /// <summary>
    /// The contract's minor version. Additive changes increment it; a plugin built against an older
    /// minor version of the same major keeps loading. 1.1 added <see cref="ExecutionRequest.Timeout"/>,
    /// <see cref="TaskSnapshot.PayloadJson"/> and <see cref="IAdapterFactory.Validate"/>; 1.2 added
    /// <see cref="IExecutionSink.ProcessStarted"/>, <see cref="AdapterProcess"/> and <see cref="IExecutionSink.RegisterSecret"/>.
    /// </summary>
    public const int Minor = 2;

    /// <summary>The SDK assembly's simple name, as plugins reference it.</summary>
    public const string AssemblyName = "Runtime.Sdk";
}
