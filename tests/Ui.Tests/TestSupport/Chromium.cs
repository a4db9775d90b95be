namespace AgentRuntime.Ui.Tests.TestSupport;

/// <summary>
/// Debian's chromium, installed by <c>scripts/install-ci-packages.sh</c>. The tests never download a
/// browser: Playwright drives this executable through its bundled driver.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool Installed => File.Exists(ExecutablePath);

    /// <summary>In CI a missing browser is a failure (the install step broke), never a silent skip.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];
}
