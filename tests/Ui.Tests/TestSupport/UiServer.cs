using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;
using Microsoft.Playwright;

namespace AgentRuntime.Ui.Tests.TestSupport;

/// <summary>
/// A runtime in a temp directory with the real web server over it: <c>script-ok</c> completes at
/// once, <c>slow</c> prints a line every 200 ms for a minute. Tasks are queued and dispatched through
/// the real CLI (<c>intake</c>, <c>run-once</c>) beside the server, as on a VM.
/// </summary>
public sealed class UiServer : IAsyncLifetime
{
    private WebProcess? _web;

    internal TestRuntime Runtime { get; } = new();

    internal WebProcess Web => _web ?? throw new InvalidOperationException("the web server did not start");

    public Uri BaseAddress => Web.BaseAddress;

    public HttpClient Api { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        Runtime.AddScriptAdapter("script-ok", """echo '{"status":"completed","operator_summary":"done","machine_status":"ok"}'""");
        Runtime.AddScriptAdapter("slow", """
            i=0
            while [ $i -lt 300 ]; do
              i=$((i + 1))
              echo "tick $i"
              sleep 0.2
            done
            echo '{"status":"completed","operator_summary":"slow done","machine_status":"ok"}'
            """, timeoutMs: 120_000);
        Runtime.Save();
        // Create the database (and its migrations) before the server opens it.
        await Runtime.RunAsync("status");
        _web = await WebProcess.StartAsync(Runtime.Directory.Path, Runtime.ConfigPath);
        Api.BaseAddress = _web.BaseAddress;
    }

    /// <summary>Stops the web process (SIGINT), runs <paramref name="whileDown"/>, and starts it again on the same port.</summary>
    internal async Task RestartAsync(Func<Task> whileDown)
    {
        var port = Web.BaseAddress.Port;
        await Web.DisposeAsync();
        _web = null;
        await whileDown();
        _web = await WebProcess.StartAsync(Runtime.Directory.Path, Runtime.ConfigPath, port);
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        Runtime.Dispose();
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        var text = await Api.GetStringAsync(new Uri(path, UriKind.Relative));
        return JsonNode.Parse(text)!.AsObject();
    }

    internal Task<string> IntakeAsync(string subject, string? adapter = null, int priority = 5)
    {
        var task = new JsonObject
        {
            ["kind"] = "ui-test",
            ["source"] = $"ui-test:{Guid.NewGuid():N}",
            ["subject"] = subject,
            ["priority"] = priority,
            ["payload"] = new JsonObject(),
        };
        if (adapter is not null)
        {
            task["requested_adapter"] = adapter;
        }

        return Runtime.IntakeAsync(task.ToJsonString());
    }

    /// <summary>Starts <c>run-once</c> as its own process (it claims and runs one task while the page watches).</summary>
    internal Process StartRunOnce()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Runtime.Directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Repo.HostDll, "run-once", "--config", Runtime.ConfigPath })
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.Start(start);
    }

    /// <summary>Opens the UI in a fresh page and waits until it has loaded its data.</summary>
    public async Task<UiPage> OpenAsync(IBrowser browser, int width = 1280, int height = 860, string path = "/")
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var ui = new UiPage(page);
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("html[data-ready='true']");
        await ui.MarkLoadedAsync();
        return ui;
    }
}
