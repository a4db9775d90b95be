using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Deploy;

/// <summary>
/// Runs <c>systemd-analyze verify --user</c> over copies of unit files, as the user manager would load
/// them from <c>~/.config/systemd/user/</c>. The home is a temp folder holding an executable
/// <c>agent-runtime/publish/agent-runtime</c> (verify checks that <c>ExecStart=</c> names an
/// executable, and the units name it through <c>%h</c>), so nothing outside the test's folder is read.
/// </summary>
internal sealed class SystemdUnitVerification : IDisposable
{
    private readonly TempDirectory _root = new("agent-runtime-units");

    public SystemdUnitVerification()
    {
        Directory.CreateDirectory(UnitDirectory);
        Directory.CreateDirectory(_root.Combine("run"));
        _root.WriteExecutable(Path.Combine("home", "agent-runtime", "publish", "agent-runtime"), "#!/bin/sh\nexit 0\n");
    }

    public static string DeployDirectory { get; } = Repo.Path_("deploy", "systemd");

    public string UnitDirectory => _root.Combine("units");

    /// <summary>Every unit file in deploy/systemd (services and timers).</summary>
    public static IReadOnlyList<string> DeployedUnits() =>
        Directory.GetFiles(DeployDirectory).Where(f => f.EndsWith(".service", StringComparison.Ordinal) || f.EndsWith(".timer", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    public string Copy(string unitPath, string? replaceText = null, string? with = null)
    {
        var text = File.ReadAllText(unitPath);
        if (replaceText is not null)
        {
            Assert.Contains(replaceText, text, StringComparison.Ordinal);
            text = text.Replace(replaceText, with, StringComparison.Ordinal);
        }

        var copy = Path.Combine(UnitDirectory, Path.GetFileName(unitPath));
        File.WriteAllText(copy, text);
        return copy;
    }

    /// <summary>Verifies the given copies together (a timer's unit must be among them); returns the exit code and everything printed.</summary>
    public async Task<(int ExitCode, string Output)> VerifyAsync(IEnumerable<string> copies)
    {
        var start = new ProcessStartInfo(SystemdAnalyzeFactAttribute.Require())
        {
            WorkingDirectory = UnitDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "verify", "--user", "--man=no" }.Concat(copies))
        {
            start.ArgumentList.Add(arg);
        }

        // %h is $HOME for a user manager; XDG_RUNTIME_DIR is where it would keep its runtime state.
        start.Environment["HOME"] = _root.Combine("home");
        start.Environment["XDG_RUNTIME_DIR"] = _root.Combine("run");
        start.Environment["SYSTEMD_LOG_COLOR"] = "0";
        using var process = ChildProcess.Start(start);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    public void Dispose() => _root.Dispose();
}
