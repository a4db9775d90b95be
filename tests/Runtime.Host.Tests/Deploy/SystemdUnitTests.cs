namespace AgentRuntime.Host.Tests.Deploy;

/// <summary>The units in deploy/systemd load cleanly in a user manager (<c>systemd-analyze verify</c>).</summary>
public sealed class SystemdUnitTests
{
    private const string ServeUnit = "agent-runtime@.service";

    [SystemdAnalyzeFact]
    public async Task Verify_EveryDeployedUnit_PassesWithoutAWord()
    {
        using var verification = new SystemdUnitVerification();
        var units = SystemdUnitVerification.DeployedUnits();
        var copies = units.Select(u => verification.Copy(u)).ToList();

        var (exitCode, output) = await verification.VerifyAsync(copies);

        Assert.Contains(units, u => Path.GetFileName(u) == ServeUnit);
        Assert.Contains(units, u => u.EndsWith(".timer", StringComparison.Ordinal));
        Assert.True(exitCode == 0 && output.Length == 0, $"systemd-analyze verify exit {exitCode}:\n{output}");
    }

    [SystemdAnalyzeFact]
    public async Task Verify_ServeUnitWithAnUnknownKey_IsReported()
    {
        using var verification = new SystemdUnitVerification();
        var copy = verification.Copy(Path.Combine(SystemdUnitVerification.DeployDirectory, ServeUnit), "Type=notify", "Type=notify\nWatchdogSeconds=30s");

        var (_, output) = await verification.VerifyAsync([copy]);

        Assert.Contains("WatchdogSeconds", output, StringComparison.Ordinal);
    }

    [SystemdAnalyzeFact]
    public async Task Verify_ServeUnitWhoseExecutableIsMissing_Fails()
    {
        using var verification = new SystemdUnitVerification();
        var copy = verification.Copy(Path.Combine(SystemdUnitVerification.DeployDirectory, ServeUnit), "publish/agent-runtime serve", "publish/missing serve");

        var (exitCode, output) = await verification.VerifyAsync([copy]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("publish/missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeUnit_Service_IsANotifyUnitWithAWatchdogThatStopsServeBeforeItsChildren()
    {
        var settings = File.ReadAllLines(Path.Combine(SystemdUnitVerification.DeployDirectory, ServeUnit))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToLookup(p => p[0], p => p[1]);

        Assert.Equal(["notify"], settings["Type"]);
        Assert.Equal(["main"], settings["NotifyAccess"]);
        Assert.Equal(["mixed"], settings["KillMode"]);
        Assert.Equal(["SIGTERM"], settings["KillSignal"]);
        Assert.Equal(["on-failure"], settings["Restart"]);
        Assert.Single(settings["WatchdogSec"]);
        Assert.Matches(@"^%h/agent-runtime/publish/agent-runtime serve --config \$\{RUNTIME_CONFIG\} --host 0\.0\.0\.0 --port 4314$", Assert.Single(settings["ExecStart"]));
    }
}
