namespace AgentRuntime.Host.Web.Security;

/// <summary>What became of a requested path.</summary>
internal enum PathStatus
{
    /// <summary>Inside the root, and it exists.</summary>
    Found,

    /// <summary>Inside the root, but nothing is there.</summary>
    Missing,

    /// <summary>It would leave the root, or is malformed: refused without touching the file system beyond the check.</summary>
    Invalid,
}
