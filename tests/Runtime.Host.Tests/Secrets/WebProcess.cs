using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Secrets;

/// <summary>
/// A real <c>agent-runtime web --port 0</c> process over a runtime, with the environment the
/// harness gives its other commands (a secret known from the runtime's environment is known to
/// the web process as it is to the dispatcher); stopped with its tree on dispose.
/// </summary>
internal sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _client;

    private WebProcess(Process process, int port)
    {
        _process = process;
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<WebProcess> StartAsync(TestRuntime runtime, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = runtime.Directory.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { Repo.HostDll, "web", "--config", runtime.ConfigPath, "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = ChildProcess.StartInterruptible(start);
        try
        {
            _ = process.StandardError.ReadToEndAsync();
            var startLine = await StartLine.ReadAsync(process.StandardOutput, TimeSpan.FromSeconds(60));
            return new WebProcess(process, startLine["port"]!.GetValue<int>());
        }
        catch
        {
            ChildProcess.KillTree(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The body of a GET, whatever its status.</summary>
    public async Task<string> GetAsync(string route)
    {
        using var response = await _client.GetAsync(new Uri(route, UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        ChildProcess.KillTree(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
