using AgentRuntime.Plugins.Tests.TestSupport;

namespace AgentRuntime.Plugins.Tests.RealCli;

/// <summary>
/// A test that drives a real CLI installed by <c>scripts/install-test-tools.sh</c>. Locally it is
/// skipped, with the reason, when the tool is absent; under <c>CI=true</c> it runs and fails instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealCliFactAttribute : FactAttribute
{
    public RealCliFactAttribute(string tool)
    {
        Tool = tool;
        if (!File.Exists(Repo.Tool(tool)) && !IsCi)
        {
            Skip = $"{Repo.Tool(tool)} is not installed; run `bash scripts/install-test-tools.sh` (under CI=true this test fails instead)";
        }
    }

    public string Tool { get; }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails with what to do when the tool is missing (the CI case).</summary>
    public static string Require(string tool)
    {
        var path = Repo.Tool(tool);
        Assert.True(File.Exists(path), $"{path} is missing: run `bash scripts/install-test-tools.sh` before the tests (CI=true requires the real CLIs)");
        return path;
    }
}
