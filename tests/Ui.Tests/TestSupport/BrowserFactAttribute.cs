namespace AgentRuntime.Ui.Tests.TestSupport;

/// <summary>
/// A fact that needs Debian's chromium. Outside CI a machine without it skips the test with the
/// command that installs it; in CI (<c>CI=true</c>) the test runs and fails, because there the
/// install step must have provided the browser.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.Installed && !Chromium.InCi)
        {
            Skip = $"{Chromium.ExecutablePath} is missing: run `bash scripts/install-ci-packages.sh` (CI=true makes this a failure)";
        }
    }
}
