namespace AgentRuntime.Host.Tests.Deploy;

/// <summary>
/// A test that needs Debian's <c>systemd-analyze</c>. Skipped where it is not installed, except under
/// CI=true, where the test runs and fails saying how to install it (a missing install step must not
/// pass as a skip).
/// </summary>
public sealed class SystemdAnalyzeFactAttribute : FactAttribute
{
    public const string Executable = "/usr/bin/systemd-analyze";

    public SystemdAnalyzeFactAttribute()
    {
        if (!File.Exists(Executable) && !IsCi)
        {
            Skip = $"{Executable} is not installed; run `bash scripts/install-ci-packages.sh` (under CI=true this test fails instead)";
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails with what to do when systemd-analyze is missing (the CI case).</summary>
    public static string Require()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: run `bash scripts/install-ci-packages.sh` before the tests (it installs Debian's systemd)");
        return Executable;
    }
}
