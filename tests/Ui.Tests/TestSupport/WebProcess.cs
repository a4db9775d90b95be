using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Ui.Tests.TestSupport;

/// <summary>
/// The real <c>agent-runtime web</c> process on <c>127.0.0.1</c>, by default on port 0 (the kernel picks
/// one); its address is read from the start line it prints. Disposing stops it with SIGINT, as an operator does.
/// </summary>
internal sealed partial class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private WebProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_stdout)
            {
                return $"stdout:\n{_stdout}\nstderr:\n{_stderr}";
            }
        }
    }

    public static async Task<WebProcess> StartAsync(string workingDirectory, string configPath, int port = 0)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Repo.HostDll, "web", "--config", configPath, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var web = new WebProcess(ChildProcess.StartInterruptible(start));
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        web._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                started.TrySetException(new InvalidOperationException($"agent-runtime web exited before it printed its address\n{web.Output}"));
                return;
            }

            string all;
            lock (web._stdout)
            {
                all = web._stdout.AppendLine(e.Data).ToString();
            }

            var printed = PortField().Match(all);
            if (printed.Success)
            {
                started.TrySetResult(int.Parse(printed.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        };
        web._process.ErrorDataReceived += (_, e) =>
        {
            lock (web._stdout)
            {
                web._stderr.AppendLine(e.Data);
            }
        };
        web._process.BeginOutputReadLine();
        web._process.BeginErrorReadLine();

        try
        {
            var bound = await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            web.BaseAddress = new Uri($"http://127.0.0.1:{bound}/");
            return web;
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ChildProcess.SignalAsync(_process.Id, "INT");

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    [GeneratedRegex("\"port\"\\s*:\\s*(\\d+)")]
    private static partial Regex PortField();
}
