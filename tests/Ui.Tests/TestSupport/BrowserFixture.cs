using Microsoft.Playwright;

namespace AgentRuntime.Ui.Tests.TestSupport;

/// <summary>One headless chromium for the browser tests (they run one at a time: see <see cref="BrowserCollection"/>).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser did not start");

    public async Task InitializeAsync()
    {
        if (!Chromium.Installed)
        {
            // Outside CI the tests are skipped (BrowserFact); in CI they run and fail on this.
            if (Chromium.InCi)
            {
                throw new InvalidOperationException($"{Chromium.ExecutablePath} is missing: scripts/install-ci-packages.sh should have installed Debian's chromium");
            }

            return;
        }

        // The package's driver is a node binary shipped inside it; no browser is ever fetched.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Two shared cores run the server, CLIs and the browser at once: wait for the page longer than 5 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Args,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
