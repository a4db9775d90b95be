using AgentRuntime.Host.Tests.Deploy;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>Whether this machine lets the test process make cgroup v2 directories (root with a writable cgroup2 mount), as the runtime's attempt scopes need.</summary>
internal static class ControlGroups
{
    private static readonly Lazy<bool> Writable = new(() =>
    {
        if (AgentRuntime.Plugins.Shared.OwnControlGroup.Find() is not { } own)
        {
            return false;
        }

        var probe = Path.Combine(own, $"agent-runtime-test-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    });

    /// <summary>
    /// Whether the cgroup checks can run. In CI (<c>CI=true</c>) they must: a runner without a
    /// writable cgroup2 mount fails here instead of passing the scope tests unchecked.
    /// </summary>
    public static bool Available => Writable.Value || (SystemdAnalyzeFactAttribute.IsCi
        ? throw new InvalidOperationException("CI=true but this machine gives the tests no writable cgroup v2 directory (run as root with a cgroup2 mount); the attempt-scope tests cannot run")
        : false);
}
