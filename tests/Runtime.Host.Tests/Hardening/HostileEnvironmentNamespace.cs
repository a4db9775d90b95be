using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hardening;

/// <summary>
/// A private mount namespace (<c>unshare -rm --propagation private</c>) holding the hostile mounts
/// of a test — a tmpfs of a few hundred kilobytes, a read-only bind — and the real host run inside it
/// (<c>nsenter</c>). Nothing is mounted in the test's own namespace, so nothing leaks when a test dies:
/// the namespace's only process reads its stdin, which closes when the test process goes, and the
/// mounts go with it. Works as root and, where user namespaces are enabled, unprivileged.
/// </summary>
internal sealed class HostileEnvironmentNamespace : IDisposable
{
    private readonly Process _holder;

    private HostileEnvironmentNamespace(Process holder) => _holder = holder;

    /// <summary>Creates the namespace and runs <paramref name="setup"/> (shell) in it first, e.g. a <c>mount</c>.</summary>
    public static async Task<HostileEnvironmentNamespace> StartAsync(string setup)
    {
        var start = new ProcessStartInfo("unshare") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-rm", "--propagation", "private", "sh", "-c", $"{setup} && echo ready && exec cat >/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        var holder = ChildProcess.Start(start);
        var stderr = holder.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await holder.StandardOutput.ReadLineAsync(limit.Token);
        if (line != "ready")
        {
            ChildProcess.KillTree(holder);
            throw new InvalidOperationException($"the mount namespace did not start ({setup}): {await stderr}");
        }

        return new HostileEnvironmentNamespace(holder);
    }

    /// <summary>A shell word for <paramref name="text"/>.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Runs <paramref name="file"/> inside the namespace and waits for it.</summary>
    public async Task<CliResult> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        using var process = Start(file, args, workingDirectory, redirectInput: true);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            ChildProcess.KillTree(process);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromSeconds(120)}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a shell command line inside the namespace; throws when it fails.</summary>
    public async Task<string> ShellAsync(string script)
    {
        var result = await RunAsync("sh", ["-c", script]);
        return result.ExitCode == 0 ? result.Stdout : throw new InvalidOperationException($"sh -c {script}: {result}");
    }

    /// <summary>The host CLI against <paramref name="runtime"/>'s config, inside the namespace.</summary>
    public Task<CliResult> HostAsync(TestRuntime runtime, params string[] args) =>
        RunAsync("dotnet", [Repo.HostDll, .. args, "--config", runtime.ConfigPath], runtime.Directory.Path);

    /// <summary>Starts the host CLI inside the namespace without waiting (<c>serve</c>); nsenter execs it, so the pid is the host's.</summary>
    public Process StartHost(TestRuntime runtime, params string[] args) =>
        Start("dotnet", [Repo.HostDll, .. args, "--config", runtime.ConfigPath], runtime.Directory.Path, redirectInput: false);

    /// <summary>One value from the database as the namespace sees it (sqlite3).</summary>
    public async Task<string> SqlAsync(string dbPath, string sql)
    {
        var result = await RunAsync("sqlite3", [dbPath, sql]);
        return result.ExitCode == 0 ? result.Stdout.Trim() : throw new InvalidOperationException($"sqlite3 {sql}: {result}");
    }

    private Process Start(string file, IEnumerable<string> args, string? workingDirectory, bool redirectInput)
    {
        var start = new ProcessStartInfo("nsenter")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in new[] { "-t", _holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "-m", "--preserve-credentials", "--", file }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return ChildProcess.Start(start);
    }

    public void Dispose()
    {
        ChildProcess.KillTree(_holder);
        _holder.WaitForExit(10_000);
        _holder.Dispose();
    }
}
